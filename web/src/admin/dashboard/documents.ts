import { graphql } from '../../gql';

export const DashboardQuery = graphql(`
  query Dashboard($from: DateTime, $to: DateTime) {
    orderStats(from: $from, to: $to) {
      countsByStatus { status count }
      revenueByDay { day revenue { amount currency } orderCount }
      averageOrderValue { amount currency }
      topCustomers { orderCount totalSpent { amount currency } customer { id name email } }
    }
  }
`);
