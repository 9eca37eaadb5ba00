import { graphql } from '../../gql';

export const SessionFields = graphql(`
  fragment SessionFields on Session {
    accessToken
    refreshToken
    expiresAt
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      session { ...SessionFields }
      customer { id name email role }
      userErrors { code field message }
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      session { ...SessionFields }
      customer { id name email role }
      userErrors { code field message }
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      session { ...SessionFields }
      userErrors { code field message }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut($refreshToken: String!) {
    signOut(refreshToken: $refreshToken) {
      userErrors { code message }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me { id name email phone role createdAt }
  }
`);
