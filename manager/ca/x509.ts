// The one entry to @peculiar/x509 in this package: it installs the Reflect metadata stand-in the
// library needs before the library loads, and binds the library to Node's own WebCrypto. Import
// `x509` from here, never from "@peculiar/x509" directly.
import "./reflect-metadata.js";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto);

export { x509 };
