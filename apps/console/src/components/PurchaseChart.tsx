import { useId } from 'react';
import { formatDecimal, formatMonth, formatNumber } from './format';
import { formatCompactMoney, formatMoney } from './money';
import type { MonthTotal } from './monthlyTotals';
import { useElementWidth } from './useElementWidth';

export interface PurchaseForecast {
  /** Horizon of `expectedPurchases`, from now. */
  weeks: number;
  /** Null before any model has been fitted. */
  expectedPurchases: number | null;
  predictedValue: number | null;
}

interface PurchaseChartProps {
  /** Consecutive months, oldest first, ending with the current month. */
  months: readonly MonthTotal[];
  forecast?: PurchaseForecast;
  /** What the amounts are in; null when the data does not say (plain numbers, no symbol). */
  currency?: string | null;
}

const HEIGHT = 200;
const MARGIN = { top: 22, right: 4, bottom: 24, left: 48 };
const GAP = 10;
const MAX_BAR_WIDTH = 36;
const MIN_LABEL_SPACING = 68;
const FORECAST_MIN_WIDTH = 150;

/**
 * Monthly purchase amounts as bars, with the forecast for the coming weeks in a marked zone after
 * today. Plain SVG: a charting library would outweigh the rest of the customer 360.
 */
export function PurchaseChart({ months, forecast, currency = null }: PurchaseChartProps) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(640);
  const tableId = useId();
  if (months.length === 0) return null;

  const plotWidth = Math.max(width - MARGIN.left - MARGIN.right, 120);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  // The forecast zone stands for a year; it gets the room a year of months would take, within bounds
  // that keep both its label and a short history readable.
  // Without a forecast yet, the zone only has to hold its note.
  const forecastWidth = !forecast
    ? 0
    : forecast.expectedPurchases == null
      ? Math.min(FORECAST_MIN_WIDTH * 0.8, plotWidth * 0.3)
      : Math.min(Math.max((plotWidth * 12) / (months.length + 12), FORECAST_MIN_WIDTH), plotWidth * 0.4);
  const historyWidth = plotWidth - (forecast ? forecastWidth + GAP : 0);
  const slot = historyWidth / months.length;
  const barWidth = Math.max(Math.min(slot * 0.7, MAX_BAR_WIDTH), 1);

  const amounts = months.map((month) => month.amount);
  const scale = niceScale(Math.min(0, ...amounts), Math.max(0, ...amounts));
  const y = (value: number) => MARGIN.top + ((scale.max - value) / (scale.max - scale.min)) * plotHeight;
  const zeroY = y(0);

  const todayX = MARGIN.left + historyWidth + GAP / 2;
  const forecastX = MARGIN.left + historyWidth + GAP;
  const active = months.filter((month) => month.orders > 0 || month.amount !== 0);

  return (
    <div className="purchase-chart">
      <div ref={containerRef} className="purchase-chart-canvas">
        <svg
          role="img"
          aria-label={describe(months, active, forecast, currency)}
          aria-details={tableId}
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
        >
          <g className="chart-grid">
            {scale.ticks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={MARGIN.left + historyWidth} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                  {formatCompactMoney(tick, currency)}
                </text>
              </g>
            ))}
          </g>

          <g className="chart-bars">
            {months.map((month, index) => {
              if (month.amount === 0) return null;
              const top = Math.min(y(month.amount), zeroY);
              const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
              return (
                <rect
                  key={month.start.getTime()}
                  className={month.amount < 0 ? 'chart-bar chart-bar-negative' : 'chart-bar'}
                  x={x}
                  y={top}
                  width={barWidth}
                  // A tiny month stays visible rather than vanishing into the axis.
                  height={Math.max(Math.abs(y(month.amount) - zeroY), 1)}
                >
                  <title>{`${formatMonth(month.start)}: ${formatMoney(month.amount, currency)} (${ordersLabel(month.orders)})`}</title>
                </rect>
              );
            })}
          </g>

          <g className="chart-axis">
            <line x1={MARGIN.left} x2={MARGIN.left + historyWidth} y1={zeroY} y2={zeroY} />
            {axisLabels(months, slot, historyWidth).map((label) => (
              <text key={label.text} x={label.x} y={HEIGHT - MARGIN.bottom + 16} textAnchor={label.anchor}>
                {label.text}
              </text>
            ))}
          </g>

          {forecast && (
            <g className="chart-forecast">
              <line className="chart-today" x1={todayX} x2={todayX} y1={MARGIN.top - 8} y2={HEIGHT - MARGIN.bottom} />
              <text className="chart-today-label" x={todayX} y={MARGIN.top - 12} textAnchor="middle">
                Today
              </text>
              <rect
                className="chart-forecast-zone"
                x={forecastX}
                y={MARGIN.top}
                width={forecastWidth}
                height={plotHeight}
                rx={4}
              />
              <ForecastLabel
                x={forecastX + forecastWidth / 2}
                y={MARGIN.top + plotHeight / 2}
                forecast={forecast}
                currency={currency}
                compact={forecastWidth < FORECAST_MIN_WIDTH}
              />
              <text
                className="chart-forecast-axis"
                x={forecastX + forecastWidth / 2}
                y={HEIGHT - MARGIN.bottom + 16}
                textAnchor="middle"
              >
                Next {forecast.weeks} weeks
              </text>
            </g>
          )}
        </svg>
      </div>

      <details id={tableId} className="chart-data">
        <summary>Monthly figures</summary>
        <table className="table">
          <caption className="visually-hidden">Purchases by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="numeric">
                Orders
              </th>
              <th scope="col" className="numeric">
                Net amount
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((month) => (
              <tr key={month.start.getTime()}>
                <th scope="row">{formatMonth(month.start)}</th>
                <td className="numeric">{formatNumber(month.orders)}</td>
                <td className="numeric">{formatMoney(month.amount, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** In a narrow zone only the number and a one-word caption fit; the facts above the chart say the rest. */
/** Average advance of an 11px tabular label character, for keeping month labels apart. */
const LABEL_CHAR_WIDTH = 6.2;

interface AxisLabel {
  text: string;
  x: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Month labels under the bars, counted from the newest month so the current month is always named.
 * The outermost labels are kept inside the history (clear of the y axis and of the forecast zone's
 * label), and a label that would touch its newer neighbour is left out.
 */
function axisLabels(months: readonly MonthTotal[], slot: number, historyWidth: number): AxisLabel[] {
  const step = Math.max(1, Math.ceil(MIN_LABEL_SPACING / slot));
  const labels: AxisLabel[] = [];
  let leftmost = Number.POSITIVE_INFINITY;
  for (let index = months.length - 1; index >= 0; index -= step) {
    const text = formatMonth(months[index].start);
    const width = text.length * LABEL_CHAR_WIDTH;
    const center = MARGIN.left + index * slot + slot / 2;
    let label: AxisLabel = { text, x: center, anchor: 'middle' };
    if (center + width / 2 > MARGIN.left + historyWidth) label = { text, x: MARGIN.left + historyWidth, anchor: 'end' };
    else if (center - width / 2 < MARGIN.left) label = { text, x: MARGIN.left, anchor: 'start' };
    const left = label.anchor === 'end' ? label.x - width : label.anchor === 'start' ? label.x : label.x - width / 2;
    const right = left + width;
    if (right + 8 > leftmost) continue;
    labels.push(label);
    leftmost = left;
  }
  return labels;
}

function ForecastLabel({ x, y, forecast, currency, compact }: { x: number; y: number; forecast: PurchaseForecast; currency: string | null; compact: boolean }) {
  if (forecast.expectedPurchases == null) {
    return (
      <text className="chart-forecast-note" x={x} y={y} textAnchor="middle">
        {compact ? 'No forecast' : 'No forecast yet'}
      </text>
    );
  }
  const showValue = forecast.predictedValue != null && !compact;
  return (
    <text x={x} y={y - (showValue ? 14 : 4)} textAnchor="middle">
      <tspan className="chart-forecast-value" x={x}>
        ≈ {formatDecimal(forecast.expectedPurchases)}
      </tspan>
      <tspan className="chart-forecast-note" x={x} dy="1.5em">
        {compact ? 'expected' : 'expected purchases'}
      </tspan>
      {showValue && forecast.predictedValue != null && (
        <tspan className="chart-forecast-note" x={x} dy="1.5em">
          predicted value {formatMoney(forecast.predictedValue, currency)}
        </tspan>
      )}
    </text>
  );
}

function describe(months: readonly MonthTotal[], active: readonly MonthTotal[], forecast: PurchaseForecast | undefined, currency: string | null): string {
  const orders = months.reduce((sum, month) => sum + month.orders, 0);
  const net = months.reduce((sum, month) => sum + month.amount, 0);
  const best = active.reduce<MonthTotal | null>((top, month) => (!top || month.amount > top.amount ? month : top), null);
  const parts = [
    `Purchases by month, ${formatMonth(months[0].start)} to ${formatMonth(months[months.length - 1].start)}: ` +
      `${ordersLabel(orders)} in ${active.length} ${active.length === 1 ? 'month' : 'months'}, net ${formatMoney(net, currency)}` +
      (best && active.length > 1 ? `; highest ${formatMonth(best.start)} at ${formatMoney(best.amount, currency)}.` : '.'),
  ];
  if (forecast) {
    parts.push(
      forecast.expectedPurchases == null
        ? 'No forecast of future purchases yet.'
        : `Expected purchases in the next ${forecast.weeks} weeks: ${formatDecimal(forecast.expectedPurchases)}` +
            (forecast.predictedValue != null ? `, predicted value ${formatMoney(forecast.predictedValue, currency)}.` : '.'),
    );
  }
  return parts.join(' ');
}

function ordersLabel(orders: number): string {
  return `${formatNumber(orders)} ${orders === 1 ? 'order' : 'orders'}`;
}

/** Round axis bounds and three or so ticks between them, always including zero. */
function niceScale(min: number, max: number): { min: number; max: number; ticks: number[] } {
  if (min === max) return { min: 0, max: 1, ticks: [0, 1] };
  const rough = (max - min) / 3;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = lo; tick <= hi + step / 2; tick += step) ticks.push(Math.round(tick / step) * step);
  return { min: lo, max: hi, ticks };
}
