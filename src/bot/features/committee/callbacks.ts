export * from "../../callback-data.js";
