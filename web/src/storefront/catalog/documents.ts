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
  query CatalogPage($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort, $withFacets: Boolean!) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      edges { cursor node { ...ProductCardFields } }
      pageInfo { hasNextPage endCursor }
      facets @include(if: $withFacets) {
        categories { count category { id name } }
        priceBands { count min { amount currency } max { amount currency } }
      }
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

export const SearchSuggestionsQuery = graphql(`
  query SearchSuggestions($prefix: String!) {
    searchSuggestions(prefix: $prefix) { id name }
  }
`);
