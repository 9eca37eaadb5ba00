package com.shopbff.orders.promo;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.orders.config.ShopCurrency;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.CreatePromoCodeInput;
import com.shopbff.orders.generated.types.PromoCode;
import com.shopbff.orders.generated.types.PromoCodePayload;
import com.shopbff.support.auth.Auth;
import graphql.schema.DataFetchingEnvironment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static com.shopbff.orders.graphql.Payloads.money;
import static com.shopbff.orders.graphql.Payloads.userError;

/** ADMIN: promo codes. */
@DgsComponent
public class PromoCodeDataFetcher {
    private final PromoCodeService promos;
    private final ShopCurrency currency;

    public PromoCodeDataFetcher(PromoCodeService promos, ShopCurrency currency) {
        this.promos = promos;
        this.currency = currency;
    }

    @DgsQuery(field = DgsConstants.QUERY.PromoCodes)
    public List<PromoCode> promoCodes(DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        return promos.all().stream().map(this::view).toList();
    }

    @DgsMutation(field = DgsConstants.MUTATION.CreatePromoCode)
    public PromoCodePayload createPromoCode(@InputArgument(name = "input") CreatePromoCodeInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        var result = promos.create(input.getCode(), input.getPercentOff(), input.getAmountOff(),
                input.getValidFrom() == null ? null : input.getValidFrom().toInstant(),
                input.getValidTo() == null ? null : input.getValidTo().toInstant(), input.getUsageLimit());
        return switch (result) {
            case PromoCodeService.Ok ok -> PromoCodePayload.newBuilder().promoCode(view(ok.promo())).userErrors(List.of()).build();
            case PromoCodeService.Refused r -> PromoCodePayload.newBuilder().userErrors(r.refusals().stream()
                    .map(x -> userError(x.code(), x.message(), "input", x.field())).toList()).build();
        };
    }

    private PromoCode view(PromoCodeDocument p) {
        return PromoCode.newBuilder().code(p.code()).percentOff(p.percentOff())
                .amountOff(p.amountOffMinor() == null ? null : money(p.amountOffMinor(), currency.code()))
                .validFrom(p.validFrom() == null ? null : OffsetDateTime.ofInstant(p.validFrom(), ZoneOffset.UTC))
                .validTo(p.validTo() == null ? null : OffsetDateTime.ofInstant(p.validTo(), ZoneOffset.UTC))
                .usageLimit(p.usageLimit()).timesUsed(p.timesUsed()).build();
    }
}
