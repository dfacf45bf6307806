// Formatting shared by every channel's screens (src/app/screens/format.ts).
export { formatPeriod, formatTime, local } from "../../app/screens/format.js";
