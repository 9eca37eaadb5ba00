import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

// Typed documents from the API schema that schema/compose.sh prints from the supergraph (no running router
// needed), plus the persisted-documents manifest (hash -> document) that the router's trusted-documents mode reads.
const config: CodegenConfig = {
  schema: '../schema/api-schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // The normalised cache needs __typename everywhere, and in trusted-documents mode the router executes the
      // manifest's text, not what the client would have sent: so the text itself must carry __typename.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
      },
    },
    'src/gql/introspection.ts': {
      plugins: ['urql-introspection'],
      config: { module: 'es2015', includeScalars: false },
    },
  },
};

export default config;
