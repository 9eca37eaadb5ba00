package com.shopbff.customer.session;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.customer.account.AccountService;
import com.shopbff.customer.account.CustomerAccess;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerMapper;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.generated.DgsConstants.MUTATION;
import com.shopbff.customer.generated.types.AuthPayload;
import com.shopbff.customer.generated.types.SignInInput;
import com.shopbff.customer.generated.types.SignOutPayload;
import com.shopbff.customer.generated.types.SignUpInput;
import com.shopbff.customer.generated.types.UserError;
import com.shopbff.customer.web.ClientAddressInterceptor;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;

/**
 * Sign-up, password sign-in, refresh and sign-out: open to anyone (a refresh token or a password is the
 * credential), so an expired access token sent along does not get in the way of renewing it.
 */
@DgsComponent
public class SessionDataFetcher {
    private final AccountService accounts;
    private final SessionService sessions;

    public SessionDataFetcher(AccountService accounts, SessionService sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @DgsMutation(field = MUTATION.SignUp)
    public DataFetcherResult<AuthPayload> signUp(@InputArgument(MUTATION.SIGNUP_INPUT_ARGUMENT.Input) SignUpInput input) {
        return opened(accounts.signUp(input), sessions);
    }

    @DgsMutation(field = MUTATION.SignIn)
    public DataFetcherResult<AuthPayload> signIn(@InputArgument(MUTATION.SIGNIN_INPUT_ARGUMENT.Input) SignInInput input, DataFetchingEnvironment env) {
        return opened(accounts.signIn(input.getEmail(), input.getPassword(), ClientAddressInterceptor.of(env.getGraphQlContext())), sessions);
    }

    @DgsMutation(field = MUTATION.RefreshSession)
    public DataFetcherResult<AuthPayload> refreshSession(@InputArgument(MUTATION.REFRESHSESSION_INPUT_ARGUMENT.RefreshToken) String refreshToken) {
        Outcome<SessionService.SessionFor> refreshed = sessions.refresh(refreshToken);
        if (!refreshed.isOk()) return failed(refreshed.errors());
        CustomerDocument c = refreshed.value().customer();
        return result(AuthPayload.newBuilder().session(refreshed.value().session()).customer(CustomerMapper.toApi(c)).userErrors(List.of()).build(), c);
    }

    @DgsMutation(field = MUTATION.SignOut)
    public SignOutPayload signOut(@InputArgument(MUTATION.SIGNOUT_INPUT_ARGUMENT.RefreshToken) String refreshToken) {
        return SignOutPayload.newBuilder().userErrors(sessions.signOut(refreshToken).errors()).build();
    }

    /** The payload of a successful authentication: a new session and the customer, readable in this very response. */
    public static DataFetcherResult<AuthPayload> opened(Outcome<CustomerDocument> authenticated, SessionService sessions) {
        if (!authenticated.isOk()) return failed(authenticated.errors());
        CustomerDocument c = authenticated.value();
        return result(AuthPayload.newBuilder().session(sessions.open(c)).customer(CustomerMapper.toApi(c)).userErrors(List.of()).build(), c);
    }

    public static DataFetcherResult<AuthPayload> failed(List<UserError> errors) {
        return DataFetcherResult.<AuthPayload>newResult().data(AuthPayload.newBuilder().userErrors(errors).build()).build();
    }

    private static DataFetcherResult<AuthPayload> result(AuthPayload payload, CustomerDocument c) {
        return DataFetcherResult.<AuthPayload>newResult().data(payload).localContext(new CustomerAccess(c.id())).build();
    }
}
