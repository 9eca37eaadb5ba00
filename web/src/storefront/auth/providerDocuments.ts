import { graphql } from '../../gql';

export const SignInProvidersQuery = graphql(`
  query SignInProviders {
    signInProviders { id name }
  }
`);

export const StartProviderSignInMutation = graphql(`
  mutation StartProviderSignIn($input: StartProviderSignInInput!) {
    startProviderSignIn(input: $input) {
      authorizationUrl
      state
      userErrors { code field message }
    }
  }
`);

export const SignInWithProviderMutation = graphql(`
  mutation SignInWithProvider($input: ProviderSignInInput!) {
    signInWithProvider(input: $input) {
      session { ...SessionFields }
      customer { id name email role }
      userErrors { code field message }
    }
  }
`);

export const StartProviderLinkMutation = graphql(`
  mutation StartProviderLink($input: StartProviderSignInInput!) {
    startProviderLink(input: $input) {
      authorizationUrl
      state
      userErrors { code field message }
    }
  }
`);

export const LinkProviderMutation = graphql(`
  mutation LinkProvider($input: ProviderSignInInput!) {
    linkProvider(input: $input) {
      customer { id linkedProviders { provider linkedAt } }
      userErrors { code field message }
    }
  }
`);

export const UnlinkProviderMutation = graphql(`
  mutation UnlinkProvider($provider: String!) {
    unlinkProvider(provider: $provider) {
      customer { id hasPassword linkedProviders { provider linkedAt } }
      userErrors { code field message }
    }
  }
`);
