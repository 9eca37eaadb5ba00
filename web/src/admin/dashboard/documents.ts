import { graphql } from '../../gql';

export const DashboardQuery = graphql(`
  query Dashboard($from: DateTime, $to: DateTime) {
    orderStats(from: $from, to: $to) {
      countsByStatus { status count }
      revenueByDay { day revenue { amount currency } orderCount }
      averageOrderValue { amount currency }
    }
  }
`);

/** Separate from the figures: a customer that cannot be resolved must not take the charts down with it. */
export const TopCustomersQuery = graphql(`
  query TopCustomers($from: DateTime, $to: DateTime) {
    orderStats(from: $from, to: $to) {
      topCustomers { orderCount totalSpent { amount currency } customer { id name email } }
    }
  }
`);
