import { useMemo } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { formatDecimal, formatNumber } from '../../../components/format';
import { formatMoney } from '../../../components/money';
import { monthlyTotals } from '../../../components/monthlyTotals';
import { PurchaseChart } from '../../../components/PurchaseChart';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

/** Forecast horizon: a year. Keep in step with the `weeks` argument in the fragment. */
const FORECAST_WEEKS = 52;

export const PurchaseHistoryFragment = graphql(`
  fragment PurchaseHistory_person on Person {
    purchases {
      date
      amount
      orders
      currency
    }
    expectedPurchases(weeks: 52)
    purchasesLeftOut {
      unconvertedEvents
      currencies
      withoutAmount
    }
    lifetimeValue {
      predictedValue
      currency
    }
  }
`);

export function PurchaseHistory(props: { person: FragmentType<typeof PurchaseHistoryFragment> }) {
  const person = getFragmentData(PurchaseHistoryFragment, props.person);
  const { purchases, expectedPurchases, lifetimeValue, purchasesLeftOut } = person;
  // The API converts every purchase to one currency (SPINE_CURRENCY) and says which; the predicted
  // value keeps the one it was computed in, which differs only until the next recompute after a change.
  const currency = purchases[0]?.currency ?? null;
  const months = useMemo(() => monthlyTotals(purchases), [purchases]);
  const orders = purchases.reduce((sum, purchase) => sum + purchase.orders, 0);
  const net = purchases.reduce((sum, purchase) => sum + purchase.amount, 0);
  const predictedValue = lifetimeValue?.predictedValue ?? null;
  const predictedCurrency = lifetimeValue?.currency ?? currency;

  return (
    <Section id="purchases" title="Purchases">
      {purchases.length === 0 ? (
        <EmptyState>{purchasesLeftOut.unconvertedEvents + purchasesLeftOut.withoutAmount > 0 ? 'No purchases counted.' : 'No purchases yet.'}</EmptyState>
      ) : (
        <>
          <dl className="chart-facts">
            <div>
              <dt>Net spend</dt>
              <dd>{formatMoney(net, currency)}</dd>
            </div>
            <div>
              <dt>Orders</dt>
              <dd>{formatNumber(orders)}</dd>
            </div>
            <div>
              <dt>Expected next {FORECAST_WEEKS} weeks</dt>
              <dd>
                {expectedPurchases == null ? (
                  <span className="muted" title="No lifetime value model has been fitted yet">
                    not forecast yet
                  </span>
                ) : (
                  <>
                    ≈ {formatDecimal(expectedPurchases)} {expectedPurchases === 1 ? 'purchase' : 'purchases'}
                  </>
                )}
              </dd>
            </div>
            {predictedValue != null && (
              <div>
                <dt>Predicted value</dt>
                <dd>{formatMoney(predictedValue, predictedCurrency)}</dd>
              </div>
            )}
          </dl>
          <PurchaseChart months={months} forecast={{ weeks: FORECAST_WEEKS, expectedPurchases, predictedValue: predictedCurrency === currency ? predictedValue : null }} currency={currency} />
        </>
      )}
      <LeftOutNote leftOut={purchasesLeftOut} currency={lifetimeValue?.currency ?? currency} />
    </Section>
  );
}

/** "GBP", "GBP and CHF", "GBP, CHF and 978". */
function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Purchase events that no figure above counts, and why: otherwise a support agent sees a customer's order missing with no explanation. */
function LeftOutNote(props: { leftOut: { unconvertedEvents: number; currencies: string[]; withoutAmount: number }; currency: string | null }) {
  const { unconvertedEvents, currencies, withoutAmount } = props.leftOut;
  if (unconvertedEvents === 0 && withoutAmount === 0) return null;
  const purchases = (count: number) => `${formatNumber(count)} ${count === 1 ? 'purchase' : 'purchases'}`;
  return (
    <p className="muted small" role="note" data-testid="purchases-left-out">
      Not counted:{' '}
      {unconvertedEvents > 0 && (
        <>
          {purchases(unconvertedEvents)} in {listInWords(currencies)}, which {currencies.length === 1 ? 'has' : 'have'} no exchange rate
          {props.currency ? ` to ${props.currency}` : ''} configured (SPINE_CURRENCY_RATES)
          {withoutAmount > 0 ? '; ' : '.'}
        </>
      )}
      {withoutAmount > 0 && <>{purchases(withoutAmount)} without a usable amount.</>}
    </p>
  );
}
