/**
 * The one-call path the API's value service uses: fit both models on a customer base, then score
 * every customer (forecast, P(alive), expected spend, CLV, current value, RFM).
 */
import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdFit, type BgNbdParameters } from './bg-nbd.js';
import { customerLifetimeValue, periodLength, type LifetimeValueOptions } from './customer-lifetime-value.js';
import type { CustomerSummary, TimeUnit } from './customer-summary.js';
import { expectedAverageSpend, fitGammaGamma, type GammaGammaFit, type GammaGammaParameters } from './gamma-gamma.js';
import type { NelderMeadOptions } from './nelder-mead.js';
import { rfmEngagement, type RfmScore, type RfmWeights } from './rfm-engagement.js';

export interface LtvModels {
  timeUnit: TimeUnit;
  bgNbd: BgNbdFit;
  /** null when no customer has a repeat purchase with positive spend: spend then falls back to `fallbackSpend`. */
  gammaGamma: GammaGammaFit | null;
  /** Mean value of a purchase day over all purchasers, used when the Gamma-Gamma model is unavailable. */
  fallbackSpend: number;
}

/**
 * Fits BG/NBD on every customer with a purchase day and Gamma-Gamma on those with a repeat
 * purchase. Throws a RangeError when nobody has purchased: there is nothing to fit.
 */
export function fitLtvModels(
  summaries: readonly CustomerSummary[],
  options: { timeUnit: TimeUnit; optimizer?: NelderMeadOptions },
): LtvModels {
  const purchasers = summaries.filter((s) => s.purchaseDays > 0);
  if (purchasers.length === 0) throw new RangeError('fitLtvModels: no customer has a purchase');
  const bgNbd = fitBgNbd(purchasers, { optimizer: options.optimizer });
  const repeaters = purchasers.filter((s) => s.x > 0 && s.monetary > 0);
  const gammaGamma = repeaters.length > 0 ? fitGammaGamma(repeaters, { optimizer: options.optimizer }) : null;
  const days = purchasers.reduce((sum, s) => sum + s.purchaseDays, 0);
  const value = purchasers.reduce((sum, s) => sum + Math.max(s.totalValue, 0), 0);
  return { timeUnit: options.timeUnit, bgNbd, gammaGamma, fallbackSpend: value / days };
}

export interface ScoreOptions {
  /** CLV horizon, period and discount rate; the period also sets the expected-purchases horizon. */
  horizon: number;
  period: LifetimeValueOptions['period'];
  discountRate: number;
  rfmWeights?: RfmWeights;
}

export interface CustomerScore {
  customerId: string;
  probabilityAlive: number;
  /** Expected purchases over the whole horizon. */
  expectedPurchases: number;
  expectedAverageSpend: number;
  /** Discounted predicted value over the horizon. */
  predictedValue: number;
  /** Historical net value up to the end of calibration. */
  currentValue: number;
  rfm: RfmScore;
}

/**
 * Scores every summary, in input order. A customer without any purchase day gets 0 for the
 * forecast, P(alive), spend and predicted value: the models describe customers after a first
 * purchase, not prospects.
 */
export function scoreCustomers(
  summaries: readonly CustomerSummary[],
  models: Pick<LtvModels, 'timeUnit' | 'fallbackSpend'> & {
    bgNbd: { parameters: BgNbdParameters };
    gammaGamma: { parameters: GammaGammaParameters } | null;
  },
  options: ScoreOptions,
): CustomerScore[] {
  const rfm = rfmEngagement(summaries, options.rfmWeights);
  const horizonTime = options.horizon * periodLength(options.period, models.timeUnit);
  const bg = models.bgNbd.parameters;
  return summaries.map((summary, i) => {
    if (summary.purchaseDays === 0) {
      return {
        customerId: summary.customerId,
        probabilityAlive: 0,
        expectedPurchases: 0,
        expectedAverageSpend: 0,
        predictedValue: 0,
        currentValue: summary.totalValue,
        rfm: rfm[i],
      };
    }
    const spend = models.gammaGamma ? expectedAverageSpend(models.gammaGamma.parameters, summary) : models.fallbackSpend;
    return {
      customerId: summary.customerId,
      probabilityAlive: probabilityAlive(bg, summary),
      expectedPurchases: expectedPurchases(bg, horizonTime, summary),
      expectedAverageSpend: spend,
      predictedValue: customerLifetimeValue(bg, summary, spend, { ...options, timeUnit: models.timeUnit }),
      currentValue: summary.totalValue,
      rfm: rfm[i],
    };
  });
}
