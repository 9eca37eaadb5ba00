import { graphql } from '../../gql';

export const CreateCategoryMutation = graphql(`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      category { id name taxClass }
      userErrors { code field message }
    }
  }
`);

export const UpdateCategoryMutation = graphql(`
  mutation UpdateCategory($input: UpdateCategoryInput!) {
    updateCategory(input: $input) {
      category { id name taxClass }
      userErrors { code field message }
    }
  }
`);

export const DeleteCategoryMutation = graphql(`
  mutation DeleteCategory($id: ID!) {
    deleteCategory(id: $id) {
      deletedCategoryId
      userErrors { code field message }
    }
  }
`);

export const PickupPointsQuery = graphql(`
  query PickupPoints {
    pickupPoints { id name openingHours address { line1 line2 city postalCode country } }
  }
`);

export const CreatePickupPointMutation = graphql(`
  mutation CreatePickupPoint($input: CreatePickupPointInput!) {
    createPickupPoint(input: $input) {
      pickupPoint { id name openingHours address { line1 line2 city postalCode country } }
      userErrors { code field message }
    }
  }
`);
