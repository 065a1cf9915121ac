// Starts GOV.UK Frontend's components (accordions, error summary focus, header menu).
import { initAll } from "./govuk-frontend.min.js";

initAll();
