package com.shopbff.wallet.graphql;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.paging.Cursors;
import com.shopbff.support.paging.TimeIdCursor;
import com.shopbff.wallet.generated.DgsConstants.QUERY;
import com.shopbff.wallet.generated.types.ClosedWallet;
import com.shopbff.wallet.generated.types.ClosedWalletConnection;
import com.shopbff.wallet.generated.types.ClosedWalletEdge;
import com.shopbff.wallet.generated.types.PageInfo;
import com.shopbff.wallet.generated.types.PayoutStatus;
import com.shopbff.wallet.payout.ClosedWallets;
import graphql.schema.DataFetchingEnvironment;

import java.time.ZoneOffset;
import java.util.List;

/** ADMIN: wallets closed by erasure and the money owed to, or paid out to, their former customers. */
@DgsComponent
public class ClosedWalletsDataFetcher {
    private final ClosedWallets closed;

    public ClosedWalletsDataFetcher(ClosedWallets closed) {
        this.closed = closed;
    }

    @DgsQuery(field = QUERY.ClosedWallets)
    public ClosedWalletConnection closedWallets(@InputArgument(QUERY.CLOSEDWALLETS_INPUT_ARGUMENT.First) Integer first,
                                                @InputArgument(QUERY.CLOSEDWALLETS_INPUT_ARGUMENT.After) String after,
                                                @InputArgument(QUERY.CLOSEDWALLETS_INPUT_ARGUMENT.Owing) Boolean owing,
                                                DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        int size = Cursors.pageSize(first);
        TimeIdCursor from = TimeIdCursor.decode(after);
        List<ClosedWallets.ClosedWallet> page = closed.page(owing, from == null ? null : from.at(), from == null ? null : from.id(), size + 1);
        List<ClosedWalletEdge> edges = page.stream().limit(size).map(w -> ClosedWalletEdge.newBuilder()
                .cursor(new TimeIdCursor(w.closedAt(), w.customerId()).encode()).node(node(w)).build()).toList();
        return ClosedWalletConnection.newBuilder().edges(edges)
                .pageInfo(PageInfo.newBuilder().hasNextPage(page.size() > size).endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build())
                .totalCount((int) closed.count(owing)).build();
    }

    private static ClosedWallet node(ClosedWallets.ClosedWallet w) {
        return ClosedWallet.newBuilder().customerId(w.customerId()).closedAt(w.closedAt().atOffset(ZoneOffset.UTC))
                .balance(WalletGraph.money(w.balanceMinor(), w.currency())).paidOut(WalletGraph.money(w.paidOutMinor(), w.currency()))
                .payoutStatus(PayoutStatus.valueOf(w.status().name())).payoutAttempts(w.attempts())
                .lastPayoutAttemptAt(w.lastAttemptAt() == null ? null : w.lastAttemptAt().atOffset(ZoneOffset.UTC))
                .lastPayoutError(w.lastError()).build();
    }
}
