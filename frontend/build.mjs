// Compiles the council-branded GOV.UK Frontend stylesheet and copies the script into
// static_build/, which Django serves as static files.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static_build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "slash-div"],
});
writeFileSync(join(out, "css", "main.css"), result.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "js"), join(out, "js"), { recursive: true });
cpSync(join(root, "frontend", "images", "favicon.svg"), join(out, "favicon.svg"));
console.log("Built static_build/css/main.css and static_build/js/");
