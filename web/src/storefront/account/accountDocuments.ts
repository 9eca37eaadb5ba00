import { graphql } from '../../gql';

export const AccountSecurityQuery = graphql(`
  query AccountSecurity {
    me { id email emailVerified pendingEmail hasPassword linkedProviders { provider linkedAt } }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      customer { id hasPassword }
      userErrors { code field message }
    }
  }
`);

export const ChangeEmailMutation = graphql(`
  mutation ChangeEmail($input: ChangeEmailInput!) {
    changeEmail(input: $input) {
      customer { id email pendingEmail emailVerified }
      userErrors { code field message }
    }
  }
`);

export const ResendVerificationEmailMutation = graphql(`
  mutation ResendVerificationEmail {
    resendVerificationEmail { userErrors { code field message } }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) { userErrors { code field message } }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      session { ...SessionFields }
      userErrors { code field message }
    }
  }
`);

export const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($input: VerifyEmailInput!) {
    verifyEmail(input: $input) {
      customer { id email emailVerified pendingEmail }
      userErrors { code field message }
    }
  }
`);

export const DataExportFields = graphql(`
  fragment DataExportFields on DataExport {
    id status requestedAt completedAt expiresAt failureReason
    sources { name receivedAt }
  }
`);

export const MyDataExportsQuery = graphql(`
  query MyDataExports {
    myDataExports { ...DataExportFields }
  }
`);

export const DataExportQuery = graphql(`
  query DataExport($id: ID!) {
    dataExport(id: $id) { ...DataExportFields }
  }
`);

export const DataExportDocumentQuery = graphql(`
  query DataExportDocument($id: ID!) {
    dataExport(id: $id) { id status document }
  }
`);

export const ExportMyDataMutation = graphql(`
  mutation ExportMyData {
    exportMyData {
      export { ...DataExportFields }
      userErrors { code field message }
    }
  }
`);
