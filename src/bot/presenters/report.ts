// The round summary is channel-neutral (src/app/screens/report.ts).
export { renderReport, type ReportAudience } from "../../app/screens/report.js";
