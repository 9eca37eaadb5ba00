package com.shopbff.customer.oidc;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.customer.account.AccountService;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.ProfileDataFetcher;
import com.shopbff.customer.generated.types.CustomerPayload;
import com.shopbff.support.auth.Auth;
import graphql.schema.DataFetchingEnvironment;
import com.shopbff.customer.generated.DgsConstants.MUTATION;
import com.shopbff.customer.generated.DgsConstants.QUERY;
import com.shopbff.customer.generated.types.AuthPayload;
import com.shopbff.customer.generated.types.ProviderSignInInput;
import com.shopbff.customer.generated.types.ProviderSignInStartPayload;
import com.shopbff.customer.generated.types.SignInProvider;
import com.shopbff.customer.generated.types.StartProviderSignInInput;
import com.shopbff.customer.session.SessionDataFetcher;
import com.shopbff.customer.session.SessionService;
import graphql.execution.DataFetcherResult;

import java.util.List;

/**
 * External sign-in (OpenID Connect, Yandex ID): open to anyone, like password sign-in; and linking a provider to the
 * signed-in customer's account.
 */
@DgsComponent
public class ProviderSignInDataFetcher {
    private final OidcSignInService oidc;
    private final SessionService sessions;
    private final AccountService accounts;

    public ProviderSignInDataFetcher(OidcSignInService oidc, SessionService sessions, AccountService accounts) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @DgsQuery(field = QUERY.SignInProviders)
    public List<SignInProvider> signInProviders() {
        return oidc.providers().stream().map(p -> SignInProvider.newBuilder().id(p.id()).name(p.name()).build()).toList();
    }

    @DgsMutation(field = MUTATION.StartProviderSignIn)
    public ProviderSignInStartPayload startProviderSignIn(@InputArgument(MUTATION.STARTPROVIDERSIGNIN_INPUT_ARGUMENT.Input) StartProviderSignInInput input) {
        Outcome<OidcSignInService.StartedSignIn> started = oidc.start(input.getProvider(), input.getRedirectUri());
        return ProviderSignInStartPayload.newBuilder()
                .authorizationUrl(started.isOk() ? started.value().authorizationUrl() : null)
                .state(started.isOk() ? started.value().state() : null)
                .userErrors(started.errors()).build();
    }

    @DgsMutation(field = MUTATION.StartProviderLink)
    public ProviderSignInStartPayload startProviderLink(@InputArgument(MUTATION.STARTPROVIDERLINK_INPUT_ARGUMENT.Input) StartProviderSignInInput input,
                                                        DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        Outcome<OidcSignInService.StartedSignIn> started = oidc.startLink(input.getProvider(), input.getRedirectUri(), me);
        return ProviderSignInStartPayload.newBuilder()
                .authorizationUrl(started.isOk() ? started.value().authorizationUrl() : null)
                .state(started.isOk() ? started.value().state() : null)
                .userErrors(started.errors()).build();
    }

    @DgsMutation(field = MUTATION.LinkProvider)
    public CustomerPayload linkProvider(@InputArgument(MUTATION.LINKPROVIDER_INPUT_ARGUMENT.Input) ProviderSignInInput input,
                                        DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return ProfileDataFetcher.payload(oidc.link(me, input.getProvider(), input.getCode(), input.getState(), input.getRedirectUri()));
    }

    @DgsMutation(field = MUTATION.UnlinkProvider)
    public CustomerPayload unlinkProvider(@InputArgument(MUTATION.UNLINKPROVIDER_INPUT_ARGUMENT.Provider) String provider,
                                          DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return ProfileDataFetcher.payload(accounts.unlinkProvider(me, provider));
    }

    @DgsMutation(field = MUTATION.SignInWithProvider)
    public DataFetcherResult<AuthPayload> signInWithProvider(@InputArgument(MUTATION.SIGNINWITHPROVIDER_INPUT_ARGUMENT.Input) ProviderSignInInput input) {
        return SessionDataFetcher.opened(oidc.complete(input.getProvider(), input.getCode(), input.getState(), input.getRedirectUri()), sessions);
    }
}
