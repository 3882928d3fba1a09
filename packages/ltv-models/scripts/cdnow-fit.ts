/**
 * Prints the CDNOW figures quoted in the README: npx tsx scripts/cdnow-fit.ts
 * (SPINE_CDNOW_PATH overrides the dataset location).
 */
import { expectedPurchases, fitBgNbd, fitGammaGamma, summarizeTransactions } from '../src/index.js';
import { CDNOW_CALIBRATION_END, loadCdnowTransactions } from '../test/cdnow-dataset.js';

const summaries = summarizeTransactions(loadCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: 'week' });
const bgNbd = fitBgNbd(summaries);
const gammaGamma = fitGammaGamma(summaries);
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, gamma: 15.44 };
const fitted = { ...bgNbd.parameters, ...gammaGamma.parameters };

console.log(`customers ${summaries.length}, repeat customers ${gammaGamma.customers}`);
console.log('parameter  published  fitted    difference');
for (const [name, value] of Object.entries(published)) {
  const mine = fitted[name as keyof typeof fitted];
  console.log(`${name.padEnd(10)} ${String(value).padEnd(10)} ${mine.toFixed(4).padEnd(9)} ${(((mine - value) / value) * 100).toFixed(2)}%`);
}
console.log(`BG/NBD log-likelihood ${bgNbd.logLikelihood.toFixed(3)} (${bgNbd.evaluations} evaluations)`);
console.log(`Gamma-Gamma log-likelihood ${gammaGamma.logLikelihood.toFixed(3)} (${gammaGamma.evaluations} evaluations)`);
console.log(`E[Y(39) | x=2, tx=30.43, T=38.86] = ${expectedPurchases(bgNbd.parameters, 39, { x: 2, tx: 30.43, T: 38.86 }).toFixed(4)} (paper: 1.226)`);
