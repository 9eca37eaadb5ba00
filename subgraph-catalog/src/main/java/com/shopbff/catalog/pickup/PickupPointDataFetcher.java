package com.shopbff.catalog.pickup;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.catalog.generated.DgsConstants;
import com.shopbff.catalog.generated.types.CreatePickupPointInput;
import com.shopbff.catalog.generated.types.PickupPoint;
import com.shopbff.catalog.generated.types.PickupPointPayload;
import com.shopbff.support.auth.Auth;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;

@DgsComponent
public class PickupPointDataFetcher {
    private final PickupPointService service;

    public PickupPointDataFetcher(PickupPointService service) {
        this.service = service;
    }

    @DgsQuery(field = DgsConstants.QUERY.PickupPoints)
    public List<PickupPoint> pickupPoints(DataFetchingEnvironment env) {
        Auth.viewer(env);
        return service.active().stream().map(PickupPointDocument::toGraphQL).toList();
    }

    @DgsMutation(field = DgsConstants.MUTATION.CreatePickupPoint)
    public PickupPointPayload createPickupPoint(@InputArgument CreatePickupPointInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        PickupPointService.Outcome outcome = service.create(input);
        return PickupPointPayload.newBuilder()
                .pickupPoint(outcome.pickupPoint() == null ? null : outcome.pickupPoint().toGraphQL())
                .userErrors(outcome.userErrors()).build();
    }
}
