// gRPC credentials for mutual TLS between nodes. Both sides present a certificate signed by the
// cluster's root CA and trust only that CA.
//
// Nodes dial each other by address (127.0.0.x:port here, any IP in general), and a node
// certificate names the node id and its role, not an address, so the usual host-name check cannot
// apply. A client instead checks that the server is who it must be for the call to make sense: a
// node of this cluster (O = cluster id) with the manager role (OU = swarm-manager), its
// certificate signed by our CA (TLS verified the chain before the check runs). SwarmKit does the
// same by dialing with ServerName "swarm-manager", a name every manager certificate carries.
import * as grpc from "@grpc/grpc-js";
import type { PeerCertificate } from "node:tls";
import { ManagerRole, type NodeIdentity, parseNodeIdentity } from "../../manager/index.js";

/** What a node presents and trusts, as PEM text. */
export interface TlsMaterial {
  /** The cluster's root CA certificate: the only trusted issuer. */
  readonly caPem: string;
  /** This node's certificate. */
  readonly certPem: string;
  /** This node's private key. */
  readonly keyPem: string;
}

/**
 * Options for every channel to a manager: TLS's server name becomes "swarm-manager" (a name every
 * manager certificate carries) instead of the IP address, which TLS's SNI does not allow; the
 * identity check itself is managerServerCheck's.
 */
export const managerChannelOptions: Readonly<Partial<grpc.ChannelOptions>> = {
  "grpc.ssl_target_name_override": ManagerRole,
};

/** Server and channel credentials of one node. */
export interface TlsCredentials {
  /** For the node's gRPC server. */
  readonly server: grpc.ServerCredentials;
  /** For the node's connections to managers. */
  readonly channel: grpc.ChannelCredentials;
}

/**
 * Whether a server must see a client certificate before the TLS handshake completes:
 * "require" refuses connections without a valid one; "request" asks for one but lets the
 * connection through without it, for the port that must also admit joining nodes to the CA
 * service — then every other service on that port must be wrapped with guardService, which
 * refuses calls without a verified certificate.
 */
export type ClientCertificatePolicy = "require" | "request";

/** Manager certificates whose identity is remembered (a cluster has a handful of managers, each renewing now and then). */
export const serverIdentitiesRememberedMax = 64;

const serverIdentities = new Map<string, NodeIdentity>();

/**
 * A server certificate's identity, parsed once per certificate. Every connection to a manager
 * checks it, and parsing the DER (asn1js) cost a hollow fleet's agents 30 s of 333 s of CPU in a
 * 200-node run: after a leader change every node reconnects, and an agent that retries reconnects
 * many times. The certificate's SHA-256 fingerprint (which TLS computed already) is the key; the
 * identity is a function of the certificate's bytes alone, and TLS verified the chain before.
 */
function serverIdentityOf(certificate: PeerCertificate): NodeIdentity {
  const key = certificate.fingerprint256;
  const known = key ? serverIdentities.get(key) : undefined;
  if (known) return known;
  const identity = parseNodeIdentity(certificate);
  if (key) {
    if (serverIdentities.size >= serverIdentitiesRememberedMax)
      serverIdentities.delete(serverIdentities.keys().next().value!);
    serverIdentities.set(key, identity);
  }
  return identity;
}

/**
 * The server-identity check of a channel: the peer must be a manager of the cluster `clusterId`
 * (any cluster when undefined, e.g. while joining, before the node knows its cluster id).
 */
export function managerServerCheck(
  clusterId?: string,
): (hostname: string, certificate: PeerCertificate) => Error | undefined {
  return (_hostname, certificate) => {
    try {
      const identity = serverIdentityOf(certificate);
      if (identity.role !== ManagerRole)
        return new Error(`server ${identity.nodeId} is not a manager (${identity.role})`);
      if (clusterId !== undefined && identity.clusterId !== clusterId)
        return new Error(`server ${identity.nodeId} belongs to another cluster`);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
}

/**
 * A certificate provider whose certificate can be replaced, for servers that must present a
 * renewed certificate without restarting. Listeners hear of updates asynchronously, as grpc-js
 * expects (it starts listening only after the server socket exists).
 */
export class NodeCertificateProvider implements grpc.experimental.CertificateProvider {
  private readonly caListeners = new Set<grpc.experimental.CaCertificateUpdateListener>();
  private readonly identityListeners = new Set<grpc.experimental.IdentityCertificateUpdateListener>();

  constructor(private material: TlsMaterial) {}

  /** The certificate, key and CA presented now (the latest given to {@link update}). */
  current(): TlsMaterial {
    return this.material;
  }

  /** Replaces the certificate (and CA); new connections get it, open ones keep theirs. */
  update(material: TlsMaterial): void {
    this.material = material;
    for (const listener of this.caListeners) process.nextTick(listener, this.caUpdate());
    for (const listener of this.identityListeners) process.nextTick(listener, this.identityUpdate());
  }

  /** @inheritdoc */
  addCaCertificateListener(listener: grpc.experimental.CaCertificateUpdateListener): void {
    this.caListeners.add(listener);
    process.nextTick(listener, this.caUpdate());
  }

  /** @inheritdoc */
  removeCaCertificateListener(listener: grpc.experimental.CaCertificateUpdateListener): void {
    this.caListeners.delete(listener);
  }

  /** @inheritdoc */
  addIdentityCertificateListener(listener: grpc.experimental.IdentityCertificateUpdateListener): void {
    this.identityListeners.add(listener);
    process.nextTick(listener, this.identityUpdate());
  }

  /** @inheritdoc */
  removeIdentityCertificateListener(listener: grpc.experimental.IdentityCertificateUpdateListener): void {
    this.identityListeners.delete(listener);
  }

  private caUpdate(): grpc.experimental.CaCertificateUpdate {
    return { caCertificate: Buffer.from(this.material.caPem) };
  }

  private identityUpdate(): grpc.experimental.IdentityCertificateUpdate {
    return { certificate: Buffer.from(this.material.certPem), privateKey: Buffer.from(this.material.keyPem) };
  }
}

/** Server credentials on a provider, so the certificate can be renewed in place. */
export function providerServerCredentials(
  provider: NodeCertificateProvider,
  policy: ClientCertificatePolicy = "require",
): grpc.ServerCredentials {
  return grpc.experimental.createCertificateProviderServerCredentials(provider, provider, policy === "require");
}

/**
 * A node's credentials: the server trusts only the root CA and checks client certificates
 * (policy "require", the default, refuses a connection without a valid one during the handshake);
 * the channel presents the node's certificate and accepts only a manager of the node's own cluster.
 */
export function tlsCredentials(
  material: TlsMaterial,
  options: { clientCertificate?: ClientCertificatePolicy } = {},
): TlsCredentials {
  const ca = Buffer.from(material.caPem);
  const server =
    (options.clientCertificate ?? "require") === "require"
      ? grpc.ServerCredentials.createSsl(
          ca,
          [{ cert_chain: Buffer.from(material.certPem), private_key: Buffer.from(material.keyPem) }],
          true,
        )
      : providerServerCredentials(new NodeCertificateProvider(material), "request");
  return { server, channel: clientCredentials(material) };
}

/** The channel credentials made for each TLS material object, so that every connection made with them shares one TLS context. */
const materialCredentials = new WeakMap<TlsMaterial, grpc.ChannelCredentials>();

/**
 * Channel credentials for a client certificate (a node's, or one issued to an operator): trusts
 * only the root CA, presents the certificate, and accepts only a manager of the certificate's
 * cluster. The same material object gets the same credentials: a node asks for them on every
 * reconnect, and each new credentials object parses the certificate and builds a TLS context.
 */
export function clientCredentials(material: TlsMaterial): grpc.ChannelCredentials {
  const known = materialCredentials.get(material);
  if (known) return known;
  const clusterId = parseNodeIdentity(material.certPem).clusterId;
  const credentials = grpc.credentials.createSsl(
    Buffer.from(material.caPem),
    Buffer.from(material.keyPem),
    Buffer.from(material.certPem),
    { checkServerIdentity: managerServerCheck(clusterId) },
  );
  materialCredentials.set(material, credentials);
  return credentials;
}

/** What grpc-js asks of channel credentials for each subchannel: a connector making its TLS connections. */
type SecureConnector = ReturnType<grpc.ChannelCredentials["_createSecureConnector"]>;
type ConnectorArgs = Parameters<grpc.ChannelCredentials["_createSecureConnector"]>;

/**
 * Channel credentials that follow a certificate provider with one TLS context per certificate.
 * grpc-js's own provider credentials build a new TLS context (parsing the key, the certificate and
 * the CA) for every connection they make: 2.3 s of a leader's CPU in a reconnection storm. These
 * build one when the provider's certificate changes and hand each connection to credentials made
 * from it, so a renewed certificate (or a new trust bundle) still reaches the next connection.
 *
 * They implement grpc-js's ChannelCredentials contract (`_isSecure`, `_equals`,
 * `_createSecureConnector`, abstract members of its public typings) by delegating to
 * `grpc.credentials.createSsl` credentials; tls-credentials.test.ts checks renewals and the shared context.
 */
class ProviderChannelCredentials extends grpc.ChannelCredentials {
  private latest: { readonly material: TlsMaterial; readonly credentials: grpc.ChannelCredentials } | null = null;

  constructor(
    private readonly provider: NodeCertificateProvider,
    private readonly checkServerIdentity: ReturnType<typeof managerServerCheck>,
  ) {
    super();
  }

  /** @inheritdoc */
  override _isSecure(): boolean {
    return true;
  }

  /** @inheritdoc */
  override _equals(other: grpc.ChannelCredentials): boolean {
    return other === this;
  }

  /** @inheritdoc */
  override _createSecureConnector(...args: ConnectorArgs): SecureConnector {
    let inner: { readonly of: grpc.ChannelCredentials; readonly connector: SecureConnector } | null = null;
    const connectorFor = (): SecureConnector => {
      const credentials = this.current();
      if (inner?.of !== credentials) {
        inner?.connector.destroy();
        inner = { of: credentials, connector: credentials._createSecureConnector(...args) };
      }
      return inner.connector;
    };
    const first = connectorFor();
    return {
      connect: (socket) => connectorFor().connect(socket),
      waitForReady: () => connectorFor().waitForReady(),
      getCallCredentials: () => first.getCallCredentials(),
      destroy: () => inner?.connector.destroy(),
    };
  }

  /** The credentials of the provider's certificate of the moment, made once per certificate. */
  private current(): grpc.ChannelCredentials {
    const material = this.provider.current();
    if (this.latest?.material !== material) {
      const credentials = grpc.credentials.createSsl(
        Buffer.from(material.caPem),
        Buffer.from(material.keyPem),
        Buffer.from(material.certPem),
        { checkServerIdentity: this.checkServerIdentity },
      );
      this.latest = { material, credentials };
    }
    return this.latest.credentials;
  }
}

/**
 * Channel credentials on a provider: each new connection presents the provider's current
 * certificate, so a manager's channels to its peers (which reconnect for years) follow renewals
 * instead of presenting a certificate that has expired. Accepts only a manager of `clusterId`.
 * Connections share one TLS context per certificate.
 */
export function providerClientCredentials(
  provider: NodeCertificateProvider,
  clusterId: string,
): grpc.ChannelCredentials {
  return new ProviderChannelCredentials(provider, managerServerCheck(clusterId));
}

/** Channel credentials for a node without a certificate yet: trusts only the pinned CA and accepts only a manager. */
export function pinnedCaCredentials(caPem: string): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(Buffer.from(caPem), null, null, { checkServerIdentity: managerServerCheck() });
}
