package com.shopbff.customer.lifecycle;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.customer.account.CustomerAccess;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerMapper;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.generated.DgsConstants.MUTATION;
import com.shopbff.customer.generated.types.AuthPayload;
import com.shopbff.customer.generated.types.ChangeEmailInput;
import com.shopbff.customer.generated.types.ChangeEmailPayload;
import com.shopbff.customer.generated.types.ChangePasswordInput;
import com.shopbff.customer.generated.types.ChangePasswordPayload;
import com.shopbff.customer.generated.types.RequestPasswordResetInput;
import com.shopbff.customer.generated.types.RequestPasswordResetPayload;
import com.shopbff.customer.generated.types.ResendVerificationEmailPayload;
import com.shopbff.customer.generated.types.ResetPasswordInput;
import com.shopbff.customer.generated.types.VerifyEmailInput;
import com.shopbff.customer.generated.types.VerifyEmailPayload;
import com.shopbff.customer.session.AccessTokens;
import com.shopbff.customer.session.SessionDataFetcher;
import com.shopbff.customer.session.SessionService;
import com.shopbff.customer.web.ClientAddressInterceptor;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

/**
 * Password change and reset, email verification and change of email. {@code requestPasswordReset},
 * {@code resetPassword} and {@code verifyEmail} need no sign-in (the emailed token is the credential) and ignore the
 * Authorization header, like sign-in; the others act on the signed-in caller's own account.
 */
@DgsComponent
public class LifecycleDataFetcher {
    private final PasswordService passwords;
    private final EmailVerificationService verification;
    private final SessionService sessions;

    public LifecycleDataFetcher(PasswordService passwords, EmailVerificationService verification, SessionService sessions) {
        this.passwords = passwords;
        this.verification = verification;
        this.sessions = sessions;
    }

    @DgsMutation(field = MUTATION.ChangePassword)
    public ChangePasswordPayload changePassword(@InputArgument(MUTATION.CHANGEPASSWORD_INPUT_ARGUMENT.Input) ChangePasswordInput input,
                                                DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        Outcome<CustomerDocument> done = passwords.change(viewer.customerId(), input.getCurrentPassword(), input.getNewPassword(),
                AccessTokens.sessionIdOf(viewer.bearerToken()), ClientAddressInterceptor.of(env.getGraphQlContext()));
        return ChangePasswordPayload.newBuilder().customer(done.isOk() ? CustomerMapper.toApi(done.value()) : null)
                .userErrors(done.errors()).build();
    }

    @DgsMutation(field = MUTATION.RequestPasswordReset)
    public RequestPasswordResetPayload requestPasswordReset(
            @InputArgument(MUTATION.REQUESTPASSWORDRESET_INPUT_ARGUMENT.Input) RequestPasswordResetInput input) {
        return RequestPasswordResetPayload.newBuilder().userErrors(passwords.requestReset(input.getEmail()).errors()).build();
    }

    @DgsMutation(field = MUTATION.ResetPassword)
    public DataFetcherResult<AuthPayload> resetPassword(@InputArgument(MUTATION.RESETPASSWORD_INPUT_ARGUMENT.Input) ResetPasswordInput input) {
        return SessionDataFetcher.opened(passwords.reset(input.getToken(), input.getNewPassword()), sessions);
    }

    @DgsMutation(field = MUTATION.VerifyEmail)
    public DataFetcherResult<VerifyEmailPayload> verifyEmail(@InputArgument(MUTATION.VERIFYEMAIL_INPUT_ARGUMENT.Input) VerifyEmailInput input) {
        Outcome<CustomerDocument> done = verification.verify(input.getToken());
        VerifyEmailPayload payload = VerifyEmailPayload.newBuilder().customer(done.isOk() ? CustomerMapper.toApi(done.value()) : null)
                .userErrors(done.errors()).build();
        // the token proved the inbox: this response may show the account's own fields, as a sign-in's does
        return DataFetcherResult.<VerifyEmailPayload>newResult().data(payload)
                .localContext(done.isOk() ? new CustomerAccess(done.value().id()) : null).build();
    }

    @DgsMutation(field = MUTATION.ResendVerificationEmail)
    public ResendVerificationEmailPayload resendVerificationEmail(DataFetchingEnvironment env) {
        return ResendVerificationEmailPayload.newBuilder()
                .userErrors(verification.resend(Auth.requireSignedIn(env).customerId()).errors()).build();
    }

    @DgsMutation(field = MUTATION.ChangeEmail)
    public ChangeEmailPayload changeEmail(@InputArgument(MUTATION.CHANGEEMAIL_INPUT_ARGUMENT.Input) ChangeEmailInput input,
                                          DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        Outcome<CustomerDocument> done = verification.change(viewer.customerId(), input.getNewEmail(), input.getCurrentPassword(),
                AccessTokens.authTimeOf(viewer.bearerToken()));
        return ChangeEmailPayload.newBuilder().customer(done.isOk() ? CustomerMapper.toApi(done.value()) : null)
                .userErrors(done.errors()).build();
    }
}
