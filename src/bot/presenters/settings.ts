// The lines of /caidat by level, shared by every channel (src/app/screens/settings.ts).
export { levelShown } from "../../app/screens/settings.js";
