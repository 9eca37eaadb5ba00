package com.shopbff.customer.privacy;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.generated.DgsConstants.DATAEXPORT;
import com.shopbff.customer.generated.DgsConstants.MUTATION;
import com.shopbff.customer.generated.DgsConstants.QUERY;
import com.shopbff.customer.generated.types.DataExport;
import com.shopbff.customer.generated.types.DataExportPayload;
import com.shopbff.customer.generated.types.DataExportSource;
import com.shopbff.customer.generated.types.DataExportStatus;
import com.shopbff.customer.generated.types.DeleteAccountPayload;
import com.shopbff.customer.generated.types.PageInfo;
import com.shopbff.customer.generated.types.PrivacyRequestConnection;
import com.shopbff.customer.generated.types.PrivacyRequestEdge;
import com.shopbff.customer.generated.types.PrivacyRequestKind;
import com.shopbff.customer.generated.types.PrivacyRequestStatus;
import com.shopbff.customer.generated.types.PrivacyRequestStep;
import com.shopbff.customer.session.AccessTokens;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.paging.Cursors;
import com.shopbff.support.paging.TimeIdCursor;
import graphql.schema.DataFetchingEnvironment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Erasure, data exports and the privacy audit. */
@DgsComponent
public class PrivacyDataFetcher {
    private static final int MY_EXPORTS = 10;
    private final ErasureService erasures;
    private final DataExportService exports;
    private final PrivacyRequests requests;

    public PrivacyDataFetcher(ErasureService erasures, DataExportService exports, PrivacyRequests requests) {
        this.erasures = erasures;
        this.exports = exports;
        this.requests = requests;
    }

    @DgsMutation(field = MUTATION.DeleteMyAccount)
    public DeleteAccountPayload deleteMyAccount(@InputArgument(MUTATION.DELETEMYACCOUNT_INPUT_ARGUMENT.Password) String password,
                                                DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        Outcome<String> deleted = erasures.deleteAccount(viewer.customerId(), password, AccessTokens.authTimeOf(viewer.bearerToken()));
        return DeleteAccountPayload.newBuilder().deletedCustomerId(deleted.value()).userErrors(deleted.errors()).build();
    }

    @DgsMutation(field = MUTATION.ExportMyData)
    public DataExportPayload exportMyData(DataFetchingEnvironment env) {
        Outcome<PrivacyRequest> started = exports.request(Auth.requireSignedIn(env).customerId());
        return DataExportPayload.newBuilder().export(started.isOk() ? toExport(started.value()) : null).userErrors(started.errors()).build();
    }

    @DgsQuery(field = QUERY.MyDataExports)
    public List<DataExport> myDataExports(DataFetchingEnvironment env) {
        return requests.exportsOf(Auth.requireSignedIn(env).customerId(), MY_EXPORTS).stream().map(PrivacyDataFetcher::toExport).toList();
    }

    @DgsQuery(field = QUERY.DataExport)
    public DataExport dataExport(@InputArgument(QUERY.DATAEXPORT_INPUT_ARGUMENT.Id) String id, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        if (id == null || id.length() > 100) return null;
        return requests.find(id).filter(r -> r.kind() == PrivacyRequest.Kind.DATA_EXPORT)
                .filter(r -> viewer.isAdmin() || r.customerId().equals(viewer.customerId()))
                .map(PrivacyDataFetcher::toExport).orElse(null);
    }

    /** The assembled document: the customer's own data, for the customer only (the audit shows ADMIN the rest). */
    @DgsData(parentType = DATAEXPORT.TYPE_NAME, field = DATAEXPORT.Document)
    public String document(DataFetchingEnvironment env) {
        DataExport e = env.getSource();
        Viewer viewer = Auth.requireSignedIn(env);
        if (!viewer.customerId().equals(e.getCustomerId()) || e.getStatus() != DataExportStatus.READY) return null;
        return requests.find(e.getId()).flatMap(exports::document).orElse(null);
    }

    @DgsQuery(field = QUERY.PrivacyRequests)
    public PrivacyRequestConnection privacyRequests(@InputArgument(QUERY.PRIVACYREQUESTS_INPUT_ARGUMENT.First) Integer first,
                                                    @InputArgument(QUERY.PRIVACYREQUESTS_INPUT_ARGUMENT.After) String after,
                                                    @InputArgument(QUERY.PRIVACYREQUESTS_INPUT_ARGUMENT.Kind) PrivacyRequestKind kind,
                                                    @InputArgument(QUERY.PRIVACYREQUESTS_INPUT_ARGUMENT.CustomerId) String customerId,
                                                    DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        int size = Cursors.pageSize(first);
        TimeIdCursor from = TimeIdCursor.decode(after);
        PrivacyRequest.Kind k = kind == null ? null : PrivacyRequest.Kind.valueOf(kind.name());
        List<PrivacyRequest> page = requests.page(k, customerId, from == null ? null : from.at(), from == null ? null : from.id(), size + 1);
        List<PrivacyRequestEdge> edges = page.stream().limit(size).map(r -> PrivacyRequestEdge.newBuilder()
                .cursor(new TimeIdCursor(r.requestedAt(), r.id()).encode()).node(toAudit(r)).build()).toList();
        return PrivacyRequestConnection.newBuilder().edges(edges)
                .pageInfo(PageInfo.newBuilder().hasNextPage(page.size() > size).endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build())
                .totalCount((int) requests.count(k, customerId)).build();
    }

    static DataExport toExport(PrivacyRequest r) {
        return DataExport.newBuilder().id(r.id()).customerId(r.customerId()).status(DataExportStatus.valueOf(r.status()))
                .requestedAt(time(r.requestedAt())).completedAt(time(r.completedAt())).expiresAt(time(r.expiresAt()))
                .sources(r.sources().stream().map(s -> DataExportSource.newBuilder().name(s)
                        .receivedAt(r.steps().containsKey(s) ? time(r.steps().get(s).completedAt()) : null).build()).toList())
                .failureReason(r.failureReason()).build();
    }

    static com.shopbff.customer.generated.types.PrivacyRequest toAudit(PrivacyRequest r) {
        PrivacyRequestStatus status = switch (r.status()) {
            case "PENDING", "IN_PROGRESS" -> PrivacyRequestStatus.IN_PROGRESS;
            case "FAILED" -> PrivacyRequestStatus.FAILED;
            default -> PrivacyRequestStatus.COMPLETED;
        };
        return com.shopbff.customer.generated.types.PrivacyRequest.newBuilder().id(r.id()).kind(PrivacyRequestKind.valueOf(r.kind().name()))
                .customerId(r.customerId()).status(status).requestedAt(time(r.requestedAt())).completedAt(time(r.completedAt()))
                .attempts(r.attempts())
                .steps(r.sources().stream().map(s -> PrivacyRequestStep.newBuilder().source(s)
                        .completedAt(r.steps().containsKey(s) ? time(r.steps().get(s).completedAt()) : null)
                        .detail(r.steps().containsKey(s) ? r.steps().get(s).detail() : null).build()).toList())
                .failureReason(r.failureReason()).build();
    }

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
