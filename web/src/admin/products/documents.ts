import { graphql } from '../../gql';

export const AdminProductFields = graphql(`
  fragment AdminProductFields on Product {
    id
    name
    description
    price { amount currency }
    stock
    available
    active
    images
    category { id name }
    updatedAt
  }
`);

export const AdminProductsQuery = graphql(`
  query AdminProducts($first: Int!, $after: String, $filter: ProductFilter) {
    products(first: $first, after: $after, filter: $filter, sort: { field: CREATED, direction: DESC }) {
      totalCount
      edges { node { ...AdminProductFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const AdminProductQuery = graphql(`
  query AdminProduct($id: ID!) {
    product(id: $id) { ...AdminProductFields }
    categories { id name }
  }
`);

export const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      product { ...AdminProductFields }
      userErrors { code field message }
    }
  }
`);

export const UpdateProductMutation = graphql(`
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      product { ...AdminProductFields }
      userErrors { code field message }
    }
  }
`);

export const DeleteProductMutation = graphql(`
  mutation DeleteProduct($id: ID!) {
    deleteProduct(id: $id) {
      product { ...AdminProductFields }
      userErrors { code field message }
    }
  }
`);

export const AdjustStockMutation = graphql(`
  mutation AdjustStock($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      product { ...AdminProductFields }
      userErrors { code field message }
    }
  }
`);
