// The page's entry point: renders the app into #app.
import { render } from "preact";
import { App } from "./app.js";
import "./styles.css";

// The server traded the token in the address for a cookie: take it out of the address bar and history.
if (new URLSearchParams(location.search).has("token")) history.replaceState(null, "", `/${location.hash}`);
render(<App />, document.getElementById("app")!);
