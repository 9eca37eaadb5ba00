package com.shopbff.wallet.graphql;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.paging.Cursors;
import com.shopbff.wallet.audit.WalletAuditService;
import com.shopbff.wallet.generated.DgsConstants.MUTATION;
import com.shopbff.wallet.generated.DgsConstants.QUERY;
import com.shopbff.wallet.generated.DgsConstants.WALLET;
import com.shopbff.wallet.generated.types.AdjustWalletInput;
import com.shopbff.wallet.generated.types.PageInfo;
import com.shopbff.wallet.generated.types.TopUpInput;
import com.shopbff.wallet.generated.types.TopUpPayload;
import com.shopbff.wallet.generated.types.Wallet;
import com.shopbff.wallet.generated.types.WalletAudit;
import com.shopbff.wallet.generated.types.WalletMismatch;
import com.shopbff.wallet.generated.types.WalletTransactionConnection;
import com.shopbff.wallet.generated.types.WalletTransactionEdge;
import com.shopbff.wallet.ledger.Op;
import com.shopbff.wallet.wallet.WalletResult;
import com.shopbff.wallet.wallet.WalletService;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.shopbff.wallet.wallet.WalletState;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.util.concurrent.CompletableFuture;

import java.util.List;

/** The wallet's queries and mutations; each guards itself on its first line. */
@DgsComponent
public class WalletDataFetcher {
    private static final String CURSOR_PREFIX = "entry:";
    private final WalletService wallets;
    private final WalletAuditService audit;

    public WalletDataFetcher(WalletService wallets, WalletAuditService audit) {
        this.wallets = wallets;
        this.audit = audit;
    }

    @DgsQuery(field = QUERY.MyWallet)
    public Wallet myWallet(DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return WalletGraph.wallet(wallets.open(viewer.customerId()));
    }

    /** Reachable only through fields that authorised the wallet's owner (myWallet, Customer.wallet, payloads). */
    @DgsData(parentType = WALLET.TYPE_NAME, field = WALLET.Transactions)
    public CompletableFuture<WalletTransactionConnection> transactions(DgsDataFetchingEnvironment env, @InputArgument Integer first,
                                                                       @InputArgument String after) {
        WalletState state = ((WalletNode) env.getSource()).state();
        int size = Cursors.pageSize(first);
        // Entry numbers are dense (1..entries), so the page is the exact range below the cursor.
        long to = after == null ? state.entries() + 1 : Math.min(entryNoOf(after), state.entries() + 1);
        long from = Math.max(1, to - size);
        DataLoader<WalletTransactionsDataLoader.Page, List<Op>> loader = env.getDataLoader(WalletTransactionsDataLoader.class);
        return loader.load(new WalletTransactionsDataLoader.Page(state, from, to)).thenApply(page -> {
            List<WalletTransactionEdge> edges = page.stream()
                    .map(op -> WalletTransactionEdge.newBuilder().cursor(Cursors.encode(CURSOR_PREFIX + op.entryNo()))
                            .node(WalletGraph.transaction(op)).build())
                    .toList();
            PageInfo pageInfo = PageInfo.newBuilder().hasNextPage(from > 1)
                    .endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build();
            return WalletTransactionConnection.newBuilder().edges(edges).pageInfo(pageInfo).totalCount((int) state.entries()).build();
        });
    }

    @DgsMutation(field = MUTATION.TopUpWallet)
    public TopUpPayload topUpWallet(DataFetchingEnvironment env, @InputArgument TopUpInput input) {
        Viewer viewer = Auth.requireSignedIn(env);
        return payload(wallets.topUp(viewer.customerId(), input.getAmount(), input.getIdempotencyKey()));
    }

    @DgsMutation(field = MUTATION.AdjustWallet)
    public TopUpPayload adjustWallet(DataFetchingEnvironment env, @InputArgument AdjustWalletInput input) {
        Viewer admin = Auth.requireAdmin(env);
        return payload(wallets.adjust(input.getCustomerId(), input.getAmount(), input.getReason(), input.getIdempotencyKey(), admin.customerId()));
    }

    @DgsQuery(field = QUERY.WalletAudit)
    public WalletAudit walletAudit(DataFetchingEnvironment env, @InputArgument List<String> customerIds) {
        Auth.requireAdmin(env);
        if (customerIds != null && customerIds.size() > Cursors.MAX_PAGE_SIZE) {
            throw ShopGraphQLException.badInput("customerIds takes at most " + Cursors.MAX_PAGE_SIZE + " ids");
        }
        WalletAuditService.Report report = audit.audit(customerIds);
        return WalletAudit.newBuilder().walletsChecked(report.walletsChecked()).mismatchCount(report.mismatchCount())
                .mismatches(report.mismatches().stream().map(m -> WalletMismatch.newBuilder().customerId(m.walletId())
                        .balance(WalletGraph.money(m.balanceMinor(), m.currency()))
                        .ledgerSum(WalletGraph.money(m.ledgerSumMinor(), m.currency())).build()).toList())
                .build();
    }

    private static TopUpPayload payload(WalletResult result) {
        return TopUpPayload.newBuilder().wallet(WalletGraph.wallet(result.wallet()))
                .userErrors(WalletGraph.userErrors(result.problems())).build();
    }

    private static long entryNoOf(String cursor) {
        String raw = Cursors.decode(cursor);
        if (!raw.startsWith(CURSOR_PREFIX)) throw ShopGraphQLException.badInput("invalid cursor");
        try {
            return Long.parseLong(raw.substring(CURSOR_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw ShopGraphQLException.badInput("invalid cursor");
        }
    }
}
