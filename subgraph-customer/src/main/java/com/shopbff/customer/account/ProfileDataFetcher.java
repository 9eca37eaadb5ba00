package com.shopbff.customer.account;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.customer.generated.DgsConstants.MUTATION;
import com.shopbff.customer.generated.types.AddressInput;
import com.shopbff.customer.generated.types.CustomerPayload;
import com.shopbff.customer.generated.types.UpdateProfileInput;
import com.shopbff.support.auth.Auth;
import graphql.schema.DataFetchingEnvironment;

/** The signed-in customer's own profile and address book (erasure: {@code privacy.PrivacyDataFetcher}). */
@DgsComponent
public class ProfileDataFetcher {
    private final AccountService accounts;

    public ProfileDataFetcher(AccountService accounts) {
        this.accounts = accounts;
    }

    @DgsMutation(field = MUTATION.UpdateProfile)
    public CustomerPayload updateProfile(@InputArgument(MUTATION.UPDATEPROFILE_INPUT_ARGUMENT.Input) UpdateProfileInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return payload(accounts.updateProfile(me, input));
    }

    @DgsMutation(field = MUTATION.AddAddress)
    public CustomerPayload addAddress(@InputArgument(MUTATION.ADDADDRESS_INPUT_ARGUMENT.Input) AddressInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return payload(accounts.addAddress(me, input));
    }

    @DgsMutation(field = MUTATION.RemoveAddress)
    public CustomerPayload removeAddress(@InputArgument(MUTATION.REMOVEADDRESS_INPUT_ARGUMENT.Id) String id, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return payload(accounts.removeAddress(me, id));
    }

    public static CustomerPayload payload(Outcome<CustomerDocument> outcome) {
        return CustomerPayload.newBuilder().customer(outcome.isOk() ? CustomerMapper.toApi(outcome.value()) : null)
                .userErrors(outcome.errors()).build();
    }
}
