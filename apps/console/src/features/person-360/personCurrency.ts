import { type AmountCurrency, commonCurrency, currencyOfProperties } from '../../components/money';
import { type FragmentType, getFragmentData, graphql } from '../../gql';

// The API's lifetime value and purchase days are plain sums without a currency. The purchase events
// they are summed from may name one in `currency`; the latest order and purchase events ("Order
// Completed", "purchase_completed": the API's default purchase events, matched by name prefix) are
// read for it. Events that name none do not count against the one the others name.
export const PersonCurrencyFragment = graphql(`
  fragment PersonCurrency_person on Person {
    orderEvents: events(first: 20, name: "order") {
      edges {
        node {
          id
          properties
        }
      }
    }
    purchaseEvents: events(first: 20, name: "purchase") {
      edges {
        node {
          id
          properties
        }
      }
    }
  }
`);

/** The currency a person's purchases are in, as far as their latest purchase events say. */
export function personCurrency(person: FragmentType<typeof PersonCurrencyFragment>): AmountCurrency {
  const { orderEvents, purchaseEvents } = getFragmentData(PersonCurrencyFragment, person);
  return commonCurrency([...orderEvents.edges, ...purchaseEvents.edges].map((edge) => currencyOfProperties(edge.node.properties)));
}
