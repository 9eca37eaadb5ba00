import { graphql } from '../../gql';

export const ProductCardFields = graphql(`
  fragment ProductCardFields on Product {
    id
    name
    price { amount currency }
    stock
    available
    images
    category { id name }
  }
`);

export const CatalogPageQuery = graphql(`
  query CatalogPage($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      edges { cursor node { ...ProductCardFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ProductQuery = graphql(`
  query Product($id: ID!) {
    product(id: $id) {
      ...ProductCardFields
      description
      active
    }
  }
`);
