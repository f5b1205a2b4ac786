// tsc --strict over the package's CommonJS types (.d.cts).
import wsclose = require('wsclose');

const name: string | null = wsclose.name(1001);
const n: number = wsclose.classify(1000);
export = { name, n };
