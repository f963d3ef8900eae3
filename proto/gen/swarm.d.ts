import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace swarm. */
export namespace swarm {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a GetRootCACertificateRequest.
         * @deprecated Use swarm.v1.GetRootCACertificateRequest.$Properties instead.
         */
        interface IGetRootCACertificateRequest extends swarm.v1.GetRootCACertificateRequest.$Properties {
        }

        /** GetRootCACertificateRequest is empty. */
        class GetRootCACertificateRequest {

            /**
             * Constructs a new GetRootCACertificateRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetRootCACertificateRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new GetRootCACertificateRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetRootCACertificateRequest instance
             */
            static create(properties: swarm.v1.GetRootCACertificateRequest.$Shape): swarm.v1.GetRootCACertificateRequest & swarm.v1.GetRootCACertificateRequest.$Shape;
            static create(properties?: swarm.v1.GetRootCACertificateRequest.$Properties): swarm.v1.GetRootCACertificateRequest;

            /**
             * Encodes the specified GetRootCACertificateRequest message. Does not implicitly {@link swarm.v1.GetRootCACertificateRequest.verify|verify} messages.
             * @param message GetRootCACertificateRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetRootCACertificateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetRootCACertificateRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetRootCACertificateRequest & swarm.v1.GetRootCACertificateRequest.$Shape} GetRootCACertificateRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetRootCACertificateRequest & swarm.v1.GetRootCACertificateRequest.$Shape;

            /**
             * Creates a GetRootCACertificateRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetRootCACertificateRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetRootCACertificateRequest;

            /**
             * Creates a plain object from a GetRootCACertificateRequest message. Also converts values to other types if specified.
             * @param message GetRootCACertificateRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetRootCACertificateRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetRootCACertificateRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetRootCACertificateRequest {

            /** Properties of a GetRootCACertificateRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetRootCACertificateRequest. */
            type $Shape = swarm.v1.GetRootCACertificateRequest.$Properties;
        }

        /**
         * Properties of a GetRootCACertificateResponse.
         * @deprecated Use swarm.v1.GetRootCACertificateResponse.$Properties instead.
         */
        interface IGetRootCACertificateResponse extends swarm.v1.GetRootCACertificateResponse.$Properties {
        }

        /** GetRootCACertificateResponse carries the root CA. */
        class GetRootCACertificateResponse {

            /**
             * Constructs a new GetRootCACertificateResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetRootCACertificateResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PEM of the root CA certificate. */
            certificatePem: Uint8Array;

            /**
             * Creates a new GetRootCACertificateResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetRootCACertificateResponse instance
             */
            static create(properties: swarm.v1.GetRootCACertificateResponse.$Shape): swarm.v1.GetRootCACertificateResponse & swarm.v1.GetRootCACertificateResponse.$Shape;
            static create(properties?: swarm.v1.GetRootCACertificateResponse.$Properties): swarm.v1.GetRootCACertificateResponse;

            /**
             * Encodes the specified GetRootCACertificateResponse message. Does not implicitly {@link swarm.v1.GetRootCACertificateResponse.verify|verify} messages.
             * @param message GetRootCACertificateResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetRootCACertificateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetRootCACertificateResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetRootCACertificateResponse & swarm.v1.GetRootCACertificateResponse.$Shape} GetRootCACertificateResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetRootCACertificateResponse & swarm.v1.GetRootCACertificateResponse.$Shape;

            /**
             * Creates a GetRootCACertificateResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetRootCACertificateResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetRootCACertificateResponse;

            /**
             * Creates a plain object from a GetRootCACertificateResponse message. Also converts values to other types if specified.
             * @param message GetRootCACertificateResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetRootCACertificateResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetRootCACertificateResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetRootCACertificateResponse {

            /** Properties of a GetRootCACertificateResponse. */
            interface $Properties {

                /** PEM of the root CA certificate. */
                certificatePem?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetRootCACertificateResponse. */
            type $Shape = swarm.v1.GetRootCACertificateResponse.$Properties;
        }

        /**
         * Properties of an IssueNodeCertificateRequest.
         * @deprecated Use swarm.v1.IssueNodeCertificateRequest.$Properties instead.
         */
        interface IIssueNodeCertificateRequest extends swarm.v1.IssueNodeCertificateRequest.$Properties {
        }

        /** IssueNodeCertificateRequest submits a CSR. */
        class IssueNodeCertificateRequest {

            /**
             * Constructs a new IssueNodeCertificateRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.IssueNodeCertificateRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PEM certificate signing request (the key never leaves the node). */
            csrPem: Uint8Array;

            /** Join token, "SWMTKN-1-<root digest>-<secret>"; empty for a renewal by a member. */
            token: string;

            /** Address the node can be reached at, host:port. */
            availabilityAddr: string;

            /** Role requested; must match what the token grants. */
            role: swarm.v1.NodeSpec.Role;

            /** Availability a joining node starts with (`swarmd join --availability`). */
            availability: swarm.v1.NodeSpec.Availability;

            /**
             * Creates a new IssueNodeCertificateRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IssueNodeCertificateRequest instance
             */
            static create(properties: swarm.v1.IssueNodeCertificateRequest.$Shape): swarm.v1.IssueNodeCertificateRequest & swarm.v1.IssueNodeCertificateRequest.$Shape;
            static create(properties?: swarm.v1.IssueNodeCertificateRequest.$Properties): swarm.v1.IssueNodeCertificateRequest;

            /**
             * Encodes the specified IssueNodeCertificateRequest message. Does not implicitly {@link swarm.v1.IssueNodeCertificateRequest.verify|verify} messages.
             * @param message IssueNodeCertificateRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.IssueNodeCertificateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IssueNodeCertificateRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.IssueNodeCertificateRequest & swarm.v1.IssueNodeCertificateRequest.$Shape} IssueNodeCertificateRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.IssueNodeCertificateRequest & swarm.v1.IssueNodeCertificateRequest.$Shape;

            /**
             * Creates an IssueNodeCertificateRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IssueNodeCertificateRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.IssueNodeCertificateRequest;

            /**
             * Creates a plain object from an IssueNodeCertificateRequest message. Also converts values to other types if specified.
             * @param message IssueNodeCertificateRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.IssueNodeCertificateRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IssueNodeCertificateRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace IssueNodeCertificateRequest {

            /** Properties of an IssueNodeCertificateRequest. */
            interface $Properties {

                /** PEM certificate signing request (the key never leaves the node). */
                csrPem?: Uint8Array;

                /** Join token, "SWMTKN-1-<root digest>-<secret>"; empty for a renewal by a member. */
                token?: string;

                /** Address the node can be reached at, host:port. */
                availabilityAddr?: string;

                /** Role requested; must match what the token grants. */
                role?: swarm.v1.NodeSpec.Role;

                /** Availability a joining node starts with (`swarmd join --availability`). */
                availability?: swarm.v1.NodeSpec.Availability;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IssueNodeCertificateRequest. */
            type $Shape = swarm.v1.IssueNodeCertificateRequest.$Properties;
        }

        /**
         * Properties of an IssueNodeCertificateResponse.
         * @deprecated Use swarm.v1.IssueNodeCertificateResponse.$Properties instead.
         */
        interface IIssueNodeCertificateResponse extends swarm.v1.IssueNodeCertificateResponse.$Properties {
        }

        /** IssueNodeCertificateResponse names the node the certificate is for. */
        class IssueNodeCertificateResponse {

            /**
             * Constructs a new IssueNodeCertificateResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.IssueNodeCertificateResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id assigned (the certificate's CN). */
            nodeId: string;

            /** Membership state of the new node. */
            status: swarm.v1.Certificate.Status;

            /**
             * Creates a new IssueNodeCertificateResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IssueNodeCertificateResponse instance
             */
            static create(properties: swarm.v1.IssueNodeCertificateResponse.$Shape): swarm.v1.IssueNodeCertificateResponse & swarm.v1.IssueNodeCertificateResponse.$Shape;
            static create(properties?: swarm.v1.IssueNodeCertificateResponse.$Properties): swarm.v1.IssueNodeCertificateResponse;

            /**
             * Encodes the specified IssueNodeCertificateResponse message. Does not implicitly {@link swarm.v1.IssueNodeCertificateResponse.verify|verify} messages.
             * @param message IssueNodeCertificateResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.IssueNodeCertificateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IssueNodeCertificateResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.IssueNodeCertificateResponse & swarm.v1.IssueNodeCertificateResponse.$Shape} IssueNodeCertificateResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.IssueNodeCertificateResponse & swarm.v1.IssueNodeCertificateResponse.$Shape;

            /**
             * Creates an IssueNodeCertificateResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IssueNodeCertificateResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.IssueNodeCertificateResponse;

            /**
             * Creates a plain object from an IssueNodeCertificateResponse message. Also converts values to other types if specified.
             * @param message IssueNodeCertificateResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.IssueNodeCertificateResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IssueNodeCertificateResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace IssueNodeCertificateResponse {

            /** Properties of an IssueNodeCertificateResponse. */
            interface $Properties {

                /** Node id assigned (the certificate's CN). */
                nodeId?: string;

                /** Membership state of the new node. */
                status?: swarm.v1.Certificate.Status;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IssueNodeCertificateResponse. */
            type $Shape = swarm.v1.IssueNodeCertificateResponse.$Properties;
        }

        /**
         * Properties of a NodeCertificateStatusRequest.
         * @deprecated Use swarm.v1.NodeCertificateStatusRequest.$Properties instead.
         */
        interface INodeCertificateStatusRequest extends swarm.v1.NodeCertificateStatusRequest.$Properties {
        }

        /** NodeCertificateStatusRequest names a node. */
        class NodeCertificateStatusRequest {

            /**
             * Constructs a new NodeCertificateStatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeCertificateStatusRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id. */
            nodeId: string;

            /**
             * Creates a new NodeCertificateStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeCertificateStatusRequest instance
             */
            static create(properties: swarm.v1.NodeCertificateStatusRequest.$Shape): swarm.v1.NodeCertificateStatusRequest & swarm.v1.NodeCertificateStatusRequest.$Shape;
            static create(properties?: swarm.v1.NodeCertificateStatusRequest.$Properties): swarm.v1.NodeCertificateStatusRequest;

            /**
             * Encodes the specified NodeCertificateStatusRequest message. Does not implicitly {@link swarm.v1.NodeCertificateStatusRequest.verify|verify} messages.
             * @param message NodeCertificateStatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeCertificateStatusRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeCertificateStatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeCertificateStatusRequest & swarm.v1.NodeCertificateStatusRequest.$Shape} NodeCertificateStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeCertificateStatusRequest & swarm.v1.NodeCertificateStatusRequest.$Shape;

            /**
             * Creates a NodeCertificateStatusRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeCertificateStatusRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeCertificateStatusRequest;

            /**
             * Creates a plain object from a NodeCertificateStatusRequest message. Also converts values to other types if specified.
             * @param message NodeCertificateStatusRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeCertificateStatusRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeCertificateStatusRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeCertificateStatusRequest {

            /** Properties of a NodeCertificateStatusRequest. */
            interface $Properties {

                /** Node id. */
                nodeId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeCertificateStatusRequest. */
            type $Shape = swarm.v1.NodeCertificateStatusRequest.$Properties;
        }

        /**
         * Properties of a NodeCertificateStatusResponse.
         * @deprecated Use swarm.v1.NodeCertificateStatusResponse.$Properties instead.
         */
        interface INodeCertificateStatusResponse extends swarm.v1.NodeCertificateStatusResponse.$Properties {
        }

        /** NodeCertificateStatusResponse carries the certificate once issued. */
        class NodeCertificateStatusResponse {

            /**
             * Constructs a new NodeCertificateStatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeCertificateStatusResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Certificate state and, once issued, the PEM. */
            certificate: swarm.v1.Certificate;

            /** PEM of the root CA that signed it. */
            rootCaPem: Uint8Array;

            /**
             * Creates a new NodeCertificateStatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeCertificateStatusResponse instance
             */
            static create(properties: swarm.v1.NodeCertificateStatusResponse.$Shape): swarm.v1.NodeCertificateStatusResponse & swarm.v1.NodeCertificateStatusResponse.$Shape;
            static create(properties?: swarm.v1.NodeCertificateStatusResponse.$Properties): swarm.v1.NodeCertificateStatusResponse;

            /**
             * Encodes the specified NodeCertificateStatusResponse message. Does not implicitly {@link swarm.v1.NodeCertificateStatusResponse.verify|verify} messages.
             * @param message NodeCertificateStatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeCertificateStatusResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeCertificateStatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeCertificateStatusResponse & swarm.v1.NodeCertificateStatusResponse.$Shape} NodeCertificateStatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeCertificateStatusResponse & swarm.v1.NodeCertificateStatusResponse.$Shape;

            /**
             * Creates a NodeCertificateStatusResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeCertificateStatusResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeCertificateStatusResponse;

            /**
             * Creates a plain object from a NodeCertificateStatusResponse message. Also converts values to other types if specified.
             * @param message NodeCertificateStatusResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeCertificateStatusResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeCertificateStatusResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeCertificateStatusResponse {

            /** Properties of a NodeCertificateStatusResponse. */
            interface $Properties {

                /** Certificate state and, once issued, the PEM. */
                certificate?: swarm.v1.Certificate.$Properties;

                /** PEM of the root CA that signed it. */
                rootCaPem?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeCertificateStatusResponse. */
            type $Shape = swarm.v1.NodeCertificateStatusResponse.$Properties;
        }

        /**
         * Properties of a Cluster.
         * @deprecated Use swarm.v1.Cluster.$Properties instead.
         */
        interface ICluster extends swarm.v1.Cluster.$Properties {
        }

        /** Cluster is the single object holding cluster-wide settings and credentials. */
        class Cluster {

            /**
             * Constructs a new Cluster.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Cluster.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Cluster id. */
            id: string;

            /** Version and timestamps. */
            meta: swarm.v1.Meta;

            /** Cluster-wide configuration. */
            spec: swarm.v1.ClusterSpec;

            /** Tokens that admit workers and managers. */
            joinTokens: swarm.v1.JoinTokens;

            /** PEM of the root CA certificate that signs every node certificate. */
            rootCaCertPem: Uint8Array;

            /** Encryption keys used between nodes (e.g. for overlay data), newest last. */
            networkKeys: swarm.v1.EncryptionKey[];

            /** Unlock key that protects manager state at rest when autolock is on; never returned by the API. */
            unlockKey: Uint8Array;

            /**
             * PEM (PKCS#8) of the root CA's private key. It lives in the cluster object so that raft
             * replicates it to every manager and whichever manager leads can sign node certificates; the
             * raft log is encrypted at rest, and the Control API never returns it.
             */
            rootCaKeyPem: Uint8Array;

            /**
             * The root rotation under way, absent when none is: the new root, which signs every node
             * certificate until the rotation ends, and its certificate cross-signed by the current root.
             * Kept in the cluster object so that it is replicated and a new leader carries it on.
             */
            rootRotation: swarm.v1.RootRotation;

            /**
             * Creates a new Cluster instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Cluster instance
             */
            static create(properties: swarm.v1.Cluster.$Shape): swarm.v1.Cluster & swarm.v1.Cluster.$Shape;
            static create(properties?: swarm.v1.Cluster.$Properties): swarm.v1.Cluster;

            /**
             * Encodes the specified Cluster message. Does not implicitly {@link swarm.v1.Cluster.verify|verify} messages.
             * @param message Cluster message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Cluster.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Cluster message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Cluster & swarm.v1.Cluster.$Shape} Cluster
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Cluster & swarm.v1.Cluster.$Shape;

            /**
             * Creates a Cluster message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Cluster
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Cluster;

            /**
             * Creates a plain object from a Cluster message. Also converts values to other types if specified.
             * @param message Cluster
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Cluster, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Cluster to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Cluster {

            /** Properties of a Cluster. */
            interface $Properties {

                /** Cluster id. */
                id?: string;

                /** Version and timestamps. */
                meta?: swarm.v1.Meta.$Properties;

                /** Cluster-wide configuration. */
                spec?: swarm.v1.ClusterSpec.$Properties;

                /** Tokens that admit workers and managers. */
                joinTokens?: swarm.v1.JoinTokens.$Properties;

                /** PEM of the root CA certificate that signs every node certificate. */
                rootCaCertPem?: Uint8Array;

                /** Encryption keys used between nodes (e.g. for overlay data), newest last. */
                networkKeys?: swarm.v1.EncryptionKey.$Properties[];

                /** Unlock key that protects manager state at rest when autolock is on; never returned by the API. */
                unlockKey?: Uint8Array;

                /**
                 * PEM (PKCS#8) of the root CA's private key. It lives in the cluster object so that raft
                 * replicates it to every manager and whichever manager leads can sign node certificates; the
                 * raft log is encrypted at rest, and the Control API never returns it.
                 */
                rootCaKeyPem?: Uint8Array;

                /**
                 * The root rotation under way, absent when none is: the new root, which signs every node
                 * certificate until the rotation ends, and its certificate cross-signed by the current root.
                 * Kept in the cluster object so that it is replicated and a new leader carries it on.
                 */
                rootRotation?: swarm.v1.RootRotation.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Cluster. */
            type $Shape = swarm.v1.Cluster.$Properties;
        }

        /**
         * Properties of a RootRotation.
         * @deprecated Use swarm.v1.RootRotation.$Properties instead.
         */
        interface IRootRotation extends swarm.v1.RootRotation.$Properties {
        }

        /** RootRotation is a change of the cluster's root CA in progress (`swarmctl cluster ca --rotate`). */
        class RootRotation {

            /**
             * Constructs a new RootRotation.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RootRotation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PEM of the new root certificate (self-signed). */
            caCertPem: Uint8Array;

            /**
             * PEM (PKCS#8) of the new root's private key; empty when an external CA holds it. Never
             * returned by the API.
             */
            caKeyPem: Uint8Array;

            /**
             * PEM of the new root's subject and key certified by the current root: the intermediate that
             * lets a node that trusts only the current root verify certificates the new root signs.
             */
            crossSignedCaCertPem: Uint8Array;

            /** When the rotation started. */
            startedAt: google.protobuf.Timestamp;

            /** How many node records the rotation started with, for progress reports. */
            nodesAtStart: number;

            /**
             * Creates a new RootRotation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RootRotation instance
             */
            static create(properties: swarm.v1.RootRotation.$Shape): swarm.v1.RootRotation & swarm.v1.RootRotation.$Shape;
            static create(properties?: swarm.v1.RootRotation.$Properties): swarm.v1.RootRotation;

            /**
             * Encodes the specified RootRotation message. Does not implicitly {@link swarm.v1.RootRotation.verify|verify} messages.
             * @param message RootRotation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RootRotation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RootRotation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RootRotation & swarm.v1.RootRotation.$Shape} RootRotation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RootRotation & swarm.v1.RootRotation.$Shape;

            /**
             * Creates a RootRotation message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RootRotation
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RootRotation;

            /**
             * Creates a plain object from a RootRotation message. Also converts values to other types if specified.
             * @param message RootRotation
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RootRotation, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RootRotation to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RootRotation {

            /** Properties of a RootRotation. */
            interface $Properties {

                /** PEM of the new root certificate (self-signed). */
                caCertPem?: Uint8Array;

                /**
                 * PEM (PKCS#8) of the new root's private key; empty when an external CA holds it. Never
                 * returned by the API.
                 */
                caKeyPem?: Uint8Array;

                /**
                 * PEM of the new root's subject and key certified by the current root: the intermediate that
                 * lets a node that trusts only the current root verify certificates the new root signs.
                 */
                crossSignedCaCertPem?: Uint8Array;

                /** When the rotation started. */
                startedAt?: google.protobuf.Timestamp.$Properties;

                /** How many node records the rotation started with, for progress reports. */
                nodesAtStart?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RootRotation. */
            type $Shape = swarm.v1.RootRotation.$Properties;
        }

        /**
         * Properties of an EncryptionKey.
         * @deprecated Use swarm.v1.EncryptionKey.$Properties instead.
         */
        interface IEncryptionKey extends swarm.v1.EncryptionKey.$Properties {
        }

        /** EncryptionKey is one symmetric key with its rotation bookkeeping. */
        class EncryptionKey {

            /**
             * Constructs a new EncryptionKey.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.EncryptionKey.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Subsystem the key is for, e.g. "networking:gossip". */
            subsystem: string;

            /** Key bytes. */
            key: Uint8Array;

            /** Lamport time of the key, to order rotations. */
            lamportTime: number;

            /**
             * Creates a new EncryptionKey instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EncryptionKey instance
             */
            static create(properties: swarm.v1.EncryptionKey.$Shape): swarm.v1.EncryptionKey & swarm.v1.EncryptionKey.$Shape;
            static create(properties?: swarm.v1.EncryptionKey.$Properties): swarm.v1.EncryptionKey;

            /**
             * Encodes the specified EncryptionKey message. Does not implicitly {@link swarm.v1.EncryptionKey.verify|verify} messages.
             * @param message EncryptionKey message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.EncryptionKey.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EncryptionKey message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.EncryptionKey & swarm.v1.EncryptionKey.$Shape} EncryptionKey
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.EncryptionKey & swarm.v1.EncryptionKey.$Shape;

            /**
             * Creates an EncryptionKey message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EncryptionKey
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.EncryptionKey;

            /**
             * Creates a plain object from an EncryptionKey message. Also converts values to other types if specified.
             * @param message EncryptionKey
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.EncryptionKey, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EncryptionKey to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EncryptionKey {

            /** Properties of an EncryptionKey. */
            interface $Properties {

                /** Subsystem the key is for, e.g. "networking:gossip". */
                subsystem?: string;

                /** Key bytes. */
                key?: Uint8Array;

                /** Lamport time of the key, to order rotations. */
                lamportTime?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EncryptionKey. */
            type $Shape = swarm.v1.EncryptionKey.$Properties;
        }

        /**
         * Properties of a Node.
         * @deprecated Use swarm.v1.Node.$Properties instead.
         */
        interface INode extends swarm.v1.Node.$Properties {
        }

        /** Node is one machine in the cluster. */
        class Node {

            /**
             * Constructs a new Node.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Node.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id, the CN of its certificate. */
            id: string;

            /** Version and timestamps. */
            meta: swarm.v1.Meta;

            /** What operators set. */
            spec: swarm.v1.NodeSpec;

            /** What the node reported about itself. */
            description: swarm.v1.NodeDescription;

            /** Liveness as seen by the dispatcher. */
            status: swarm.v1.NodeStatus;

            /** Raft membership, for managers only. */
            managerStatus: swarm.v1.ManagerStatus;

            /** Current role (may lag desired_role while a promotion or demotion completes). */
            role: swarm.v1.NodeSpec.Role;

            /** Certificate state of the node. */
            certificate: swarm.v1.Certificate;

            /**
             * The node's own address on each overlay network it serves (a task of that network is on the
             * node): its bridge address, the gateway and DNS server of its local tasks. Allocated by the
             * leader's allocator when the first task of the network reaches the node, freed when none is left.
             */
            attachments: swarm.v1.NetworkAttachment[];

            /**
             * The node's address inside the cluster's encrypted tunnel (its WireGuard interface), from the
             * tunnel pool, in interface form ("169.254.128.7/17"); allocated by the leader's allocator when
             * the node first serves an encrypted network, kept while the node is a member. Empty before.
             */
            tunnelAddr: string;

            /**
             * Creates a new Node instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Node instance
             */
            static create(properties: swarm.v1.Node.$Shape): swarm.v1.Node & swarm.v1.Node.$Shape;
            static create(properties?: swarm.v1.Node.$Properties): swarm.v1.Node;

            /**
             * Encodes the specified Node message. Does not implicitly {@link swarm.v1.Node.verify|verify} messages.
             * @param message Node message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Node.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Node message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Node & swarm.v1.Node.$Shape} Node
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Node & swarm.v1.Node.$Shape;

            /**
             * Creates a Node message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Node
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Node;

            /**
             * Creates a plain object from a Node message. Also converts values to other types if specified.
             * @param message Node
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Node, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Node to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Node {

            /** Properties of a Node. */
            interface $Properties {

                /** Node id, the CN of its certificate. */
                id?: string;

                /** Version and timestamps. */
                meta?: swarm.v1.Meta.$Properties;

                /** What operators set. */
                spec?: swarm.v1.NodeSpec.$Properties;

                /** What the node reported about itself. */
                description?: swarm.v1.NodeDescription.$Properties;

                /** Liveness as seen by the dispatcher. */
                status?: swarm.v1.NodeStatus.$Properties;

                /** Raft membership, for managers only. */
                managerStatus?: swarm.v1.ManagerStatus.$Properties;

                /** Current role (may lag desired_role while a promotion or demotion completes). */
                role?: swarm.v1.NodeSpec.Role;

                /** Certificate state of the node. */
                certificate?: swarm.v1.Certificate.$Properties;

                /**
                 * The node's own address on each overlay network it serves (a task of that network is on the
                 * node): its bridge address, the gateway and DNS server of its local tasks. Allocated by the
                 * leader's allocator when the first task of the network reaches the node, freed when none is left.
                 */
                attachments?: swarm.v1.NetworkAttachment.$Properties[];

                /**
                 * The node's address inside the cluster's encrypted tunnel (its WireGuard interface), from the
                 * tunnel pool, in interface form ("169.254.128.7/17"); allocated by the leader's allocator when
                 * the node first serves an encrypted network, kept while the node is a member. Empty before.
                 */
                tunnelAddr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Node. */
            type $Shape = swarm.v1.Node.$Properties;
        }

        /**
         * Properties of a NodeDescription.
         * @deprecated Use swarm.v1.NodeDescription.$Properties instead.
         */
        interface INodeDescription extends swarm.v1.NodeDescription.$Properties {
        }

        /** NodeDescription is what a node reports about its machine and engine. */
        class NodeDescription {

            /**
             * Constructs a new NodeDescription.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeDescription.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hostname of the machine. */
            hostname: string;

            /** OS and architecture. */
            platform: swarm.v1.Platform;

            /** Total CPU and memory the node offers. */
            resources: swarm.v1.Resources;

            /** Container engine details. */
            engine: swarm.v1.EngineDescription;

            /**
             * UDP port this node's VXLAN devices bind (`swarmd --data-path-port`); 0 follows the cluster's
             * (ClusterSpec.network.data_path_port). Nodes sharing one machine need distinct ports.
             */
            dataPathPort: number;

            /**
             * IPv4 subnets the node's own interfaces already use, in CIDR form; the allocator gives no
             * overlay network a subnet that overlaps one of them.
             */
            localSubnets: string[];

            /** What the node's network agent can do. */
            networkCapabilities: swarm.v1.NetworkCapabilities;

            /** WireGuard public key (base64) of the node's tunnel for encrypted networks; empty without one. */
            wireguardPublicKey: string;

            /** UDP port the node's WireGuard tunnel listens on; 0 means 51820. */
            wireguardPort: number;

            /**
             * Who issued the certificate the node uses now, so a root rotation knows when every node has
             * moved to the new root.
             */
            tlsInfo: swarm.v1.NodeTlsInfo;

            /**
             * Creates a new NodeDescription instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeDescription instance
             */
            static create(properties: swarm.v1.NodeDescription.$Shape): swarm.v1.NodeDescription & swarm.v1.NodeDescription.$Shape;
            static create(properties?: swarm.v1.NodeDescription.$Properties): swarm.v1.NodeDescription;

            /**
             * Encodes the specified NodeDescription message. Does not implicitly {@link swarm.v1.NodeDescription.verify|verify} messages.
             * @param message NodeDescription message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeDescription.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeDescription message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeDescription & swarm.v1.NodeDescription.$Shape} NodeDescription
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeDescription & swarm.v1.NodeDescription.$Shape;

            /**
             * Creates a NodeDescription message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeDescription
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeDescription;

            /**
             * Creates a plain object from a NodeDescription message. Also converts values to other types if specified.
             * @param message NodeDescription
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeDescription, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeDescription to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeDescription {

            /** Properties of a NodeDescription. */
            interface $Properties {

                /** Hostname of the machine. */
                hostname?: string;

                /** OS and architecture. */
                platform?: swarm.v1.Platform.$Properties;

                /** Total CPU and memory the node offers. */
                resources?: swarm.v1.Resources.$Properties;

                /** Container engine details. */
                engine?: swarm.v1.EngineDescription.$Properties;

                /**
                 * UDP port this node's VXLAN devices bind (`swarmd --data-path-port`); 0 follows the cluster's
                 * (ClusterSpec.network.data_path_port). Nodes sharing one machine need distinct ports.
                 */
                dataPathPort?: number;

                /**
                 * IPv4 subnets the node's own interfaces already use, in CIDR form; the allocator gives no
                 * overlay network a subnet that overlaps one of them.
                 */
                localSubnets?: string[];

                /** What the node's network agent can do. */
                networkCapabilities?: swarm.v1.NetworkCapabilities.$Properties;

                /** WireGuard public key (base64) of the node's tunnel for encrypted networks; empty without one. */
                wireguardPublicKey?: string;

                /** UDP port the node's WireGuard tunnel listens on; 0 means 51820. */
                wireguardPort?: number;

                /**
                 * Who issued the certificate the node uses now, so a root rotation knows when every node has
                 * moved to the new root.
                 */
                tlsInfo?: swarm.v1.NodeTlsInfo.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeDescription. */
            type $Shape = swarm.v1.NodeDescription.$Properties;
        }

        /**
         * Properties of a NodeTlsInfo.
         * @deprecated Use swarm.v1.NodeTlsInfo.$Properties instead.
         */
        interface INodeTlsInfo extends swarm.v1.NodeTlsInfo.$Properties {
        }

        /** NodeTlsInfo is what a node reports about its TLS certificate. */
        class NodeTlsInfo {

            /**
             * Constructs a new NodeTlsInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeTlsInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PEM of the roots the node trusts. */
            trustRootPem: Uint8Array;

            /** DER of the subject of its certificate's issuer. */
            certIssuerSubject: Uint8Array;

            /** DER (SubjectPublicKeyInfo) of its certificate's issuer's public key. */
            certIssuerPublicKey: Uint8Array;

            /**
             * Creates a new NodeTlsInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeTlsInfo instance
             */
            static create(properties: swarm.v1.NodeTlsInfo.$Shape): swarm.v1.NodeTlsInfo & swarm.v1.NodeTlsInfo.$Shape;
            static create(properties?: swarm.v1.NodeTlsInfo.$Properties): swarm.v1.NodeTlsInfo;

            /**
             * Encodes the specified NodeTlsInfo message. Does not implicitly {@link swarm.v1.NodeTlsInfo.verify|verify} messages.
             * @param message NodeTlsInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeTlsInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeTlsInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeTlsInfo & swarm.v1.NodeTlsInfo.$Shape} NodeTlsInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeTlsInfo & swarm.v1.NodeTlsInfo.$Shape;

            /**
             * Creates a NodeTlsInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeTlsInfo
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeTlsInfo;

            /**
             * Creates a plain object from a NodeTlsInfo message. Also converts values to other types if specified.
             * @param message NodeTlsInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeTlsInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeTlsInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeTlsInfo {

            /** Properties of a NodeTlsInfo. */
            interface $Properties {

                /** PEM of the roots the node trusts. */
                trustRootPem?: Uint8Array;

                /** DER of the subject of its certificate's issuer. */
                certIssuerSubject?: Uint8Array;

                /** DER (SubjectPublicKeyInfo) of its certificate's issuer's public key. */
                certIssuerPublicKey?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeTlsInfo. */
            type $Shape = swarm.v1.NodeTlsInfo.$Properties;
        }

        /**
         * Properties of a NetworkCapabilities.
         * @deprecated Use swarm.v1.NetworkCapabilities.$Properties instead.
         */
        interface INetworkCapabilities extends swarm.v1.NetworkCapabilities.$Properties {
        }

        /** NetworkCapabilities says which kinds of network a node can serve. */
        class NetworkCapabilities {

            /**
             * Constructs a new NetworkCapabilities.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkCapabilities.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The node can join overlay networks (bridge, VXLAN, network namespaces or a Docker bridge). */
            overlay: boolean;

            /** The node can join encrypted overlay networks (a working WireGuard tunnel). */
            encrypted: boolean;

            /**
             * Why the node cannot join encrypted networks (no wireguard-go, no /dev/net/tun, not root);
             * empty when it can.
             */
            encryptedUnavailable: string;

            /**
             * Creates a new NetworkCapabilities instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkCapabilities instance
             */
            static create(properties: swarm.v1.NetworkCapabilities.$Shape): swarm.v1.NetworkCapabilities & swarm.v1.NetworkCapabilities.$Shape;
            static create(properties?: swarm.v1.NetworkCapabilities.$Properties): swarm.v1.NetworkCapabilities;

            /**
             * Encodes the specified NetworkCapabilities message. Does not implicitly {@link swarm.v1.NetworkCapabilities.verify|verify} messages.
             * @param message NetworkCapabilities message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkCapabilities.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkCapabilities message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkCapabilities & swarm.v1.NetworkCapabilities.$Shape} NetworkCapabilities
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkCapabilities & swarm.v1.NetworkCapabilities.$Shape;

            /**
             * Creates a NetworkCapabilities message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkCapabilities
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkCapabilities;

            /**
             * Creates a plain object from a NetworkCapabilities message. Also converts values to other types if specified.
             * @param message NetworkCapabilities
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkCapabilities, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkCapabilities to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkCapabilities {

            /** Properties of a NetworkCapabilities. */
            interface $Properties {

                /** The node can join overlay networks (bridge, VXLAN, network namespaces or a Docker bridge). */
                overlay?: boolean;

                /** The node can join encrypted overlay networks (a working WireGuard tunnel). */
                encrypted?: boolean;

                /**
                 * Why the node cannot join encrypted networks (no wireguard-go, no /dev/net/tun, not root);
                 * empty when it can.
                 */
                encryptedUnavailable?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkCapabilities. */
            type $Shape = swarm.v1.NetworkCapabilities.$Properties;
        }

        /**
         * Properties of an EngineDescription.
         * @deprecated Use swarm.v1.EngineDescription.$Properties instead.
         */
        interface IEngineDescription extends swarm.v1.EngineDescription.$Properties {
        }

        /** EngineDescription describes a node's container engine. */
        class EngineDescription {

            /**
             * Constructs a new EngineDescription.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.EngineDescription.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Engine version, e.g. "26.1.5" or "embedded-process". */
            engineVersion: string;

            /** Engine labels, usable in constraints as engine.labels.KEY. */
            labels: { [k: string]: string };

            /** Plugins the engine offers. */
            plugins: swarm.v1.PluginDescription[];

            /**
             * Creates a new EngineDescription instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EngineDescription instance
             */
            static create(properties: swarm.v1.EngineDescription.$Shape): swarm.v1.EngineDescription & swarm.v1.EngineDescription.$Shape;
            static create(properties?: swarm.v1.EngineDescription.$Properties): swarm.v1.EngineDescription;

            /**
             * Encodes the specified EngineDescription message. Does not implicitly {@link swarm.v1.EngineDescription.verify|verify} messages.
             * @param message EngineDescription message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.EngineDescription.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EngineDescription message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.EngineDescription & swarm.v1.EngineDescription.$Shape} EngineDescription
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.EngineDescription & swarm.v1.EngineDescription.$Shape;

            /**
             * Creates an EngineDescription message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EngineDescription
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.EngineDescription;

            /**
             * Creates a plain object from an EngineDescription message. Also converts values to other types if specified.
             * @param message EngineDescription
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.EngineDescription, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EngineDescription to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EngineDescription {

            /** Properties of an EngineDescription. */
            interface $Properties {

                /** Engine version, e.g. "26.1.5" or "embedded-process". */
                engineVersion?: string;

                /** Engine labels, usable in constraints as engine.labels.KEY. */
                labels?: { [k: string]: string };

                /** Plugins the engine offers. */
                plugins?: swarm.v1.PluginDescription.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EngineDescription. */
            type $Shape = swarm.v1.EngineDescription.$Properties;
        }

        /**
         * Properties of a PluginDescription.
         * @deprecated Use swarm.v1.PluginDescription.$Properties instead.
         */
        interface IPluginDescription extends swarm.v1.PluginDescription.$Properties {
        }

        /** PluginDescription names one engine plugin. */
        class PluginDescription {

            /**
             * Constructs a new PluginDescription.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PluginDescription.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Plugin type, e.g. "Volume" or "Network". */
            type: string;

            /** Plugin name. */
            name: string;

            /**
             * Creates a new PluginDescription instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PluginDescription instance
             */
            static create(properties: swarm.v1.PluginDescription.$Shape): swarm.v1.PluginDescription & swarm.v1.PluginDescription.$Shape;
            static create(properties?: swarm.v1.PluginDescription.$Properties): swarm.v1.PluginDescription;

            /**
             * Encodes the specified PluginDescription message. Does not implicitly {@link swarm.v1.PluginDescription.verify|verify} messages.
             * @param message PluginDescription message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PluginDescription.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PluginDescription message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PluginDescription & swarm.v1.PluginDescription.$Shape} PluginDescription
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PluginDescription & swarm.v1.PluginDescription.$Shape;

            /**
             * Creates a PluginDescription message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PluginDescription
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PluginDescription;

            /**
             * Creates a plain object from a PluginDescription message. Also converts values to other types if specified.
             * @param message PluginDescription
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PluginDescription, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PluginDescription to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PluginDescription {

            /** Properties of a PluginDescription. */
            interface $Properties {

                /** Plugin type, e.g. "Volume" or "Network". */
                type?: string;

                /** Plugin name. */
                name?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PluginDescription. */
            type $Shape = swarm.v1.PluginDescription.$Properties;
        }

        /**
         * Properties of a NodeStatus.
         * @deprecated Use swarm.v1.NodeStatus.$Properties instead.
         */
        interface INodeStatus extends swarm.v1.NodeStatus.$Properties {
        }

        /** NodeStatus is a node's liveness. */
        class NodeStatus {

            /**
             * Constructs a new NodeStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Liveness state. */
            state: swarm.v1.NodeStatus.State;

            /** Why the node is in this state. */
            message: string;

            /** Address the manager sees the node at. */
            addr: string;

            /**
             * Creates a new NodeStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeStatus instance
             */
            static create(properties: swarm.v1.NodeStatus.$Shape): swarm.v1.NodeStatus & swarm.v1.NodeStatus.$Shape;
            static create(properties?: swarm.v1.NodeStatus.$Properties): swarm.v1.NodeStatus;

            /**
             * Encodes the specified NodeStatus message. Does not implicitly {@link swarm.v1.NodeStatus.verify|verify} messages.
             * @param message NodeStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeStatus & swarm.v1.NodeStatus.$Shape} NodeStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeStatus & swarm.v1.NodeStatus.$Shape;

            /**
             * Creates a NodeStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeStatus;

            /**
             * Creates a plain object from a NodeStatus message. Also converts values to other types if specified.
             * @param message NodeStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeStatus {

            /** Properties of a NodeStatus. */
            interface $Properties {

                /** Liveness state. */
                state?: swarm.v1.NodeStatus.State;

                /** Why the node is in this state. */
                message?: string;

                /** Address the manager sees the node at. */
                addr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeStatus. */
            type $Shape = swarm.v1.NodeStatus.$Properties;

            /** Liveness state. */
            enum State {

                /** Not yet heard from. */
                STATE_UNKNOWN = 0,

                /** Missed its heartbeats; tasks will be rescheduled. */
                STATE_DOWN = 1,

                /** Heartbeating. */
                STATE_READY = 2,

                /** Left the cluster or its session ended on purpose. */
                STATE_DISCONNECTED = 3
            }
        }

        /**
         * Properties of a ManagerStatus.
         * @deprecated Use swarm.v1.ManagerStatus.$Properties instead.
         */
        interface IManagerStatus extends swarm.v1.ManagerStatus.$Properties {
        }

        /** ManagerStatus is a manager's place in the raft group. */
        class ManagerStatus {

            /**
             * Constructs a new ManagerStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ManagerStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Raft id. */
            raftId: number;

            /** Address other managers reach it at, host:port. */
            addr: string;

            /** Whether it is the current leader. */
            leader: boolean;

            /** Reachability from the leader. */
            reachability: swarm.v1.ManagerStatus.Reachability;

            /**
             * Creates a new ManagerStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ManagerStatus instance
             */
            static create(properties: swarm.v1.ManagerStatus.$Shape): swarm.v1.ManagerStatus & swarm.v1.ManagerStatus.$Shape;
            static create(properties?: swarm.v1.ManagerStatus.$Properties): swarm.v1.ManagerStatus;

            /**
             * Encodes the specified ManagerStatus message. Does not implicitly {@link swarm.v1.ManagerStatus.verify|verify} messages.
             * @param message ManagerStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ManagerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ManagerStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ManagerStatus & swarm.v1.ManagerStatus.$Shape} ManagerStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ManagerStatus & swarm.v1.ManagerStatus.$Shape;

            /**
             * Creates a ManagerStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ManagerStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ManagerStatus;

            /**
             * Creates a plain object from a ManagerStatus message. Also converts values to other types if specified.
             * @param message ManagerStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ManagerStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ManagerStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ManagerStatus {

            /** Properties of a ManagerStatus. */
            interface $Properties {

                /** Raft id. */
                raftId?: number;

                /** Address other managers reach it at, host:port. */
                addr?: string;

                /** Whether it is the current leader. */
                leader?: boolean;

                /** Reachability from the leader. */
                reachability?: swarm.v1.ManagerStatus.Reachability;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ManagerStatus. */
            type $Shape = swarm.v1.ManagerStatus.$Properties;

            /** Whether other managers can reach it. */
            enum Reachability {

                /** Not yet known. */
                REACHABILITY_UNKNOWN = 0,

                /** Not reachable from the leader. */
                REACHABILITY_UNREACHABLE = 1,

                /** Reachable. */
                REACHABILITY_REACHABLE = 2
            }
        }

        /**
         * Properties of a Certificate.
         * @deprecated Use swarm.v1.Certificate.$Properties instead.
         */
        interface ICertificate extends swarm.v1.Certificate.$Properties {
        }

        /** Certificate is a node's TLS certificate state. */
        class Certificate {

            /**
             * Constructs a new Certificate.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Certificate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Role the certificate grants (its OU). */
            role: swarm.v1.NodeSpec.Role;

            /** PEM certificate signing request from the node. */
            csrPem: Uint8Array;

            /** Issuance state. */
            status: swarm.v1.Certificate.Status;

            /** Why issuance failed, if it did. */
            message: string;

            /** PEM certificate once issued. */
            certificatePem: Uint8Array;

            /** Common name: the node id. */
            cn: string;

            /** When the certificate expires. */
            notAfter: google.protobuf.Timestamp;

            /**
             * Creates a new Certificate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Certificate instance
             */
            static create(properties: swarm.v1.Certificate.$Shape): swarm.v1.Certificate & swarm.v1.Certificate.$Shape;
            static create(properties?: swarm.v1.Certificate.$Properties): swarm.v1.Certificate;

            /**
             * Encodes the specified Certificate message. Does not implicitly {@link swarm.v1.Certificate.verify|verify} messages.
             * @param message Certificate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Certificate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Certificate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Certificate & swarm.v1.Certificate.$Shape} Certificate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Certificate & swarm.v1.Certificate.$Shape;

            /**
             * Creates a Certificate message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Certificate
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Certificate;

            /**
             * Creates a plain object from a Certificate message. Also converts values to other types if specified.
             * @param message Certificate
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Certificate, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Certificate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Certificate {

            /** Properties of a Certificate. */
            interface $Properties {

                /** Role the certificate grants (its OU). */
                role?: swarm.v1.NodeSpec.Role;

                /** PEM certificate signing request from the node. */
                csrPem?: Uint8Array;

                /** Issuance state. */
                status?: swarm.v1.Certificate.Status;

                /** Why issuance failed, if it did. */
                message?: string;

                /** PEM certificate once issued. */
                certificatePem?: Uint8Array;

                /** Common name: the node id. */
                cn?: string;

                /** When the certificate expires. */
                notAfter?: google.protobuf.Timestamp.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Certificate. */
            type $Shape = swarm.v1.Certificate.$Properties;

            /** Issuance state. */
            enum Status {

                /** Waiting for the CA to sign the CSR. */
                STATUS_PENDING = 0,

                /** Signed and ready to fetch. */
                STATUS_ISSUED = 1,

                /** Signing failed; see the message. */
                STATUS_FAILED = 2,

                /** Rotation requested. */
                STATUS_ROTATE = 3
            }
        }

        /**
         * Properties of a Service.
         * @deprecated Use swarm.v1.Service.$Properties instead.
         */
        interface IService extends swarm.v1.Service.$Properties {
        }

        /** Service is a declared workload. */
        class Service {

            /**
             * Constructs a new Service.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Service.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id. */
            id: string;

            /** Version and timestamps; update must quote meta.version. */
            meta: swarm.v1.Meta;

            /** The current spec. */
            spec: swarm.v1.ServiceSpec;

            /** The spec before the last update, for rollback. */
            previousSpec: swarm.v1.ServiceSpec;

            /** Published ports and virtual IPs as allocated. */
            endpoint: swarm.v1.Endpoint;

            /** Progress of the last update or rollback. */
            updateStatus: swarm.v1.UpdateStatus;

            /** Job progress, for job modes. */
            jobStatus: swarm.v1.JobStatus;

            /** Set while the service is being removed and its tasks shut down. */
            pendingDelete: boolean;

            /**
             * Creates a new Service instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Service instance
             */
            static create(properties: swarm.v1.Service.$Shape): swarm.v1.Service & swarm.v1.Service.$Shape;
            static create(properties?: swarm.v1.Service.$Properties): swarm.v1.Service;

            /**
             * Encodes the specified Service message. Does not implicitly {@link swarm.v1.Service.verify|verify} messages.
             * @param message Service message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Service.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Service message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Service & swarm.v1.Service.$Shape} Service
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Service & swarm.v1.Service.$Shape;

            /**
             * Creates a Service message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Service
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Service;

            /**
             * Creates a plain object from a Service message. Also converts values to other types if specified.
             * @param message Service
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Service, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Service to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Service {

            /** Properties of a Service. */
            interface $Properties {

                /** Service id. */
                id?: string;

                /** Version and timestamps; update must quote meta.version. */
                meta?: swarm.v1.Meta.$Properties;

                /** The current spec. */
                spec?: swarm.v1.ServiceSpec.$Properties;

                /** The spec before the last update, for rollback. */
                previousSpec?: swarm.v1.ServiceSpec.$Properties;

                /** Published ports and virtual IPs as allocated. */
                endpoint?: swarm.v1.Endpoint.$Properties;

                /** Progress of the last update or rollback. */
                updateStatus?: swarm.v1.UpdateStatus.$Properties;

                /** Job progress, for job modes. */
                jobStatus?: swarm.v1.JobStatus.$Properties;

                /** Set while the service is being removed and its tasks shut down. */
                pendingDelete?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Service. */
            type $Shape = {
              id?: string;
              meta?: swarm.v1.Meta.$Shape;
              spec?: swarm.v1.ServiceSpec.$Shape;
              previousSpec?: swarm.v1.ServiceSpec.$Shape;
              endpoint?: swarm.v1.Endpoint.$Shape;
              updateStatus?: swarm.v1.UpdateStatus.$Shape;
              jobStatus?: swarm.v1.JobStatus.$Shape;
              pendingDelete?: boolean;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a JobStatus.
         * @deprecated Use swarm.v1.JobStatus.$Properties instead.
         */
        interface IJobStatus extends swarm.v1.JobStatus.$Properties {
        }

        /** JobStatus tracks a job service's runs. */
        class JobStatus {

            /**
             * Constructs a new JobStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.JobStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Incremented on each job run, so tasks of old runs are told apart. */
            jobIteration: swarm.v1.Version;

            /** When the latest run began. */
            lastExecution: google.protobuf.Timestamp;

            /**
             * Creates a new JobStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JobStatus instance
             */
            static create(properties: swarm.v1.JobStatus.$Shape): swarm.v1.JobStatus & swarm.v1.JobStatus.$Shape;
            static create(properties?: swarm.v1.JobStatus.$Properties): swarm.v1.JobStatus;

            /**
             * Encodes the specified JobStatus message. Does not implicitly {@link swarm.v1.JobStatus.verify|verify} messages.
             * @param message JobStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.JobStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JobStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.JobStatus & swarm.v1.JobStatus.$Shape} JobStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.JobStatus & swarm.v1.JobStatus.$Shape;

            /**
             * Creates a JobStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns JobStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.JobStatus;

            /**
             * Creates a plain object from a JobStatus message. Also converts values to other types if specified.
             * @param message JobStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.JobStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this JobStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace JobStatus {

            /** Properties of a JobStatus. */
            interface $Properties {

                /** Incremented on each job run, so tasks of old runs are told apart. */
                jobIteration?: swarm.v1.Version.$Properties;

                /** When the latest run began. */
                lastExecution?: google.protobuf.Timestamp.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JobStatus. */
            type $Shape = swarm.v1.JobStatus.$Properties;
        }

        /**
         * Properties of a Task.
         * @deprecated Use swarm.v1.Task.$Properties instead.
         */
        interface ITask extends swarm.v1.Task.$Properties {
        }

        /** Task is one scheduled instance of a service. */
        class Task {

            /**
             * Constructs a new Task.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Task.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task id. */
            id: string;

            /** Version and timestamps. */
            meta: swarm.v1.Meta;

            /** Snapshot of the service's task template when the task was created. */
            spec: swarm.v1.TaskSpec;

            /** Version of the service spec the task was created from. */
            specVersion: swarm.v1.Version;

            /** Service the task belongs to. */
            serviceId: string;

            /** Slot number, 1-based, for replicated services; 0 for global ones. */
            slot: number;

            /** Node the task runs on (for global services, set at creation). */
            nodeId: string;

            /** Name and labels; name is "<service>.<slot|node>.<task id>". */
            annotations: swarm.v1.Annotations;

            /** Service name and labels at creation, for display. */
            serviceAnnotations: swarm.v1.Annotations;

            /** Observed state as reported by the agent (or set by managers before assignment). */
            status: swarm.v1.TaskStatus;

            /** State the managers want the task to reach. */
            desiredState: swarm.v1.TaskState;

            /** Networks with the task's addresses. */
            networks: swarm.v1.NetworkAttachment[];

            /** Endpoint of the service when the task was allocated. */
            endpoint: swarm.v1.Endpoint;

            /** Log driver chosen for the task. */
            logDriver: swarm.v1.LogDriver;

            /** Generic resources assigned from the node. */
            assignedGenericResources: swarm.v1.GenericResource[];

            /** Job iteration the task belongs to, for jobs. */
            jobIteration: swarm.v1.Version;

            /**
             * Creates a new Task instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Task instance
             */
            static create(properties: swarm.v1.Task.$Shape): swarm.v1.Task & swarm.v1.Task.$Shape;
            static create(properties?: swarm.v1.Task.$Properties): swarm.v1.Task;

            /**
             * Encodes the specified Task message. Does not implicitly {@link swarm.v1.Task.verify|verify} messages.
             * @param message Task message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Task.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Task message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Task & swarm.v1.Task.$Shape} Task
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Task & swarm.v1.Task.$Shape;

            /**
             * Creates a Task message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Task
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Task;

            /**
             * Creates a plain object from a Task message. Also converts values to other types if specified.
             * @param message Task
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Task, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Task to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Task {

            /** Properties of a Task. */
            interface $Properties {

                /** Task id. */
                id?: string;

                /** Version and timestamps. */
                meta?: swarm.v1.Meta.$Properties;

                /** Snapshot of the service's task template when the task was created. */
                spec?: swarm.v1.TaskSpec.$Properties;

                /** Version of the service spec the task was created from. */
                specVersion?: swarm.v1.Version.$Properties;

                /** Service the task belongs to. */
                serviceId?: string;

                /** Slot number, 1-based, for replicated services; 0 for global ones. */
                slot?: number;

                /** Node the task runs on (for global services, set at creation). */
                nodeId?: string;

                /** Name and labels; name is "<service>.<slot|node>.<task id>". */
                annotations?: swarm.v1.Annotations.$Properties;

                /** Service name and labels at creation, for display. */
                serviceAnnotations?: swarm.v1.Annotations.$Properties;

                /** Observed state as reported by the agent (or set by managers before assignment). */
                status?: swarm.v1.TaskStatus.$Properties;

                /** State the managers want the task to reach. */
                desiredState?: swarm.v1.TaskState;

                /** Networks with the task's addresses. */
                networks?: swarm.v1.NetworkAttachment.$Properties[];

                /** Endpoint of the service when the task was allocated. */
                endpoint?: swarm.v1.Endpoint.$Properties;

                /** Log driver chosen for the task. */
                logDriver?: swarm.v1.LogDriver.$Properties;

                /** Generic resources assigned from the node. */
                assignedGenericResources?: swarm.v1.GenericResource.$Properties[];

                /** Job iteration the task belongs to, for jobs. */
                jobIteration?: swarm.v1.Version.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Task. */
            type $Shape = {
              id?: string;
              meta?: swarm.v1.Meta.$Shape;
              spec?: swarm.v1.TaskSpec.$Shape;
              specVersion?: swarm.v1.Version.$Shape;
              serviceId?: string;
              slot?: number;
              nodeId?: string;
              annotations?: swarm.v1.Annotations.$Shape;
              serviceAnnotations?: swarm.v1.Annotations.$Shape;
              status?: swarm.v1.TaskStatus.$Shape;
              desiredState?: swarm.v1.TaskState;
              networks?: swarm.v1.NetworkAttachment.$Shape[];
              endpoint?: swarm.v1.Endpoint.$Shape;
              logDriver?: swarm.v1.LogDriver.$Shape;
              assignedGenericResources?: swarm.v1.GenericResource.$Shape[];
              jobIteration?: swarm.v1.Version.$Shape;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a Secret.
         * @deprecated Use swarm.v1.Secret.$Properties instead.
         */
        interface ISecret extends swarm.v1.Secret.$Properties {
        }

        /** Secret is sensitive data given only to tasks that reference it. */
        class Secret {

            /**
             * Constructs a new Secret.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Secret.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Secret id. */
            id: string;

            /** Version and timestamps. */
            meta: swarm.v1.Meta;

            /** Name, labels and data (data is stripped in every API answer). */
            spec: swarm.v1.SecretSpec;

            /** Whether the data is stored encrypted by an internal key. */
            internal: boolean;

            /**
             * Creates a new Secret instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Secret instance
             */
            static create(properties: swarm.v1.Secret.$Shape): swarm.v1.Secret & swarm.v1.Secret.$Shape;
            static create(properties?: swarm.v1.Secret.$Properties): swarm.v1.Secret;

            /**
             * Encodes the specified Secret message. Does not implicitly {@link swarm.v1.Secret.verify|verify} messages.
             * @param message Secret message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Secret.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Secret message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Secret & swarm.v1.Secret.$Shape} Secret
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Secret & swarm.v1.Secret.$Shape;

            /**
             * Creates a Secret message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Secret
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Secret;

            /**
             * Creates a plain object from a Secret message. Also converts values to other types if specified.
             * @param message Secret
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Secret, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Secret to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Secret {

            /** Properties of a Secret. */
            interface $Properties {

                /** Secret id. */
                id?: string;

                /** Version and timestamps. */
                meta?: swarm.v1.Meta.$Properties;

                /** Name, labels and data (data is stripped in every API answer). */
                spec?: swarm.v1.SecretSpec.$Properties;

                /** Whether the data is stored encrypted by an internal key. */
                internal?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Secret. */
            type $Shape = swarm.v1.Secret.$Properties;
        }

        /**
         * Properties of a Config.
         * @deprecated Use swarm.v1.Config.$Properties instead.
         */
        interface IConfig extends swarm.v1.Config.$Properties {
        }

        /** Config is non-sensitive data given to tasks as files. */
        class Config {

            /**
             * Constructs a new Config.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Config.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Config id. */
            id: string;

            /** Version and timestamps. */
            meta: swarm.v1.Meta;

            /** Name, labels and data. */
            spec: swarm.v1.ConfigSpec;

            /**
             * Creates a new Config instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Config instance
             */
            static create(properties: swarm.v1.Config.$Shape): swarm.v1.Config & swarm.v1.Config.$Shape;
            static create(properties?: swarm.v1.Config.$Properties): swarm.v1.Config;

            /**
             * Encodes the specified Config message. Does not implicitly {@link swarm.v1.Config.verify|verify} messages.
             * @param message Config message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Config.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Config message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Config & swarm.v1.Config.$Shape} Config
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Config & swarm.v1.Config.$Shape;

            /**
             * Creates a Config message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Config
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Config;

            /**
             * Creates a plain object from a Config message. Also converts values to other types if specified.
             * @param message Config
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Config, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Config to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Config {

            /** Properties of a Config. */
            interface $Properties {

                /** Config id. */
                id?: string;

                /** Version and timestamps. */
                meta?: swarm.v1.Meta.$Properties;

                /** Name, labels and data. */
                spec?: swarm.v1.ConfigSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Config. */
            type $Shape = swarm.v1.Config.$Properties;
        }

        /**
         * Properties of a Network.
         * @deprecated Use swarm.v1.Network.$Properties instead.
         */
        interface INetwork extends swarm.v1.Network.$Properties {
        }

        /** Network is an address space that tasks attach to (ingress is created with the cluster). */
        class Network {

            /**
             * Constructs a new Network.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Network.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network id. */
            id: string;

            /** Version and timestamps. */
            meta: swarm.v1.Meta;

            /** What the network should be. */
            spec: swarm.v1.NetworkSpec;

            /**
             * Subnets allocated to the network: the requested one or one cut from the cluster's default
             * address pools, with its gateway (reserved, never handed out) and address range.
             */
            ipam: swarm.v1.IpamConfig[];

            /**
             * VXLAN network identifier, allocated once at create (from ClusterSpec.network.vni_first up),
             * the same on every node.
             */
            vni: number;

            /**
             * MTU of the network's interfaces on every node, in bytes: the driver option
             * com.docker.network.driver.mtu, else the default for a 1500-byte underlay minus the VXLAN
             * (and, for encrypted networks, WireGuard) overhead.
             */
            mtu: number;

            /**
             * The address handed out last on this network (next-fit: the next one is searched after it, so
             * a freed address is reused only once the range has wrapped). Written by the allocator.
             */
            lastAllocated: string;

            /**
             * Creates a new Network instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Network instance
             */
            static create(properties: swarm.v1.Network.$Shape): swarm.v1.Network & swarm.v1.Network.$Shape;
            static create(properties?: swarm.v1.Network.$Properties): swarm.v1.Network;

            /**
             * Encodes the specified Network message. Does not implicitly {@link swarm.v1.Network.verify|verify} messages.
             * @param message Network message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Network.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Network message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Network & swarm.v1.Network.$Shape} Network
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Network & swarm.v1.Network.$Shape;

            /**
             * Creates a Network message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Network
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Network;

            /**
             * Creates a plain object from a Network message. Also converts values to other types if specified.
             * @param message Network
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Network, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Network to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Network {

            /** Properties of a Network. */
            interface $Properties {

                /** Network id. */
                id?: string;

                /** Version and timestamps. */
                meta?: swarm.v1.Meta.$Properties;

                /** What the network should be. */
                spec?: swarm.v1.NetworkSpec.$Properties;

                /**
                 * Subnets allocated to the network: the requested one or one cut from the cluster's default
                 * address pools, with its gateway (reserved, never handed out) and address range.
                 */
                ipam?: swarm.v1.IpamConfig.$Properties[];

                /**
                 * VXLAN network identifier, allocated once at create (from ClusterSpec.network.vni_first up),
                 * the same on every node.
                 */
                vni?: number;

                /**
                 * MTU of the network's interfaces on every node, in bytes: the driver option
                 * com.docker.network.driver.mtu, else the default for a 1500-byte underlay minus the VXLAN
                 * (and, for encrypted networks, WireGuard) overhead.
                 */
                mtu?: number;

                /**
                 * The address handed out last on this network (next-fit: the next one is searched after it, so
                 * a freed address is reused only once the range has wrapped). Written by the allocator.
                 */
                lastAllocated?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Network. */
            type $Shape = swarm.v1.Network.$Properties;
        }

        /**
         * Properties of a NetworkSpec.
         * @deprecated Use swarm.v1.NetworkSpec.$Properties instead.
         */
        interface INetworkSpec extends swarm.v1.NetworkSpec.$Properties {
        }

        /** NetworkSpec describes a network. */
        class NetworkSpec {

            /**
             * Constructs a new NetworkSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name (unique) and labels. */
            annotations: swarm.v1.Annotations;

            /** Driver, e.g. "overlay" or "bridge". */
            driver: string;

            /** Whether this is the routing-mesh network. */
            ingress: boolean;

            /** Whether standalone containers may attach. */
            attachable: boolean;

            /** Requested subnets; empty lets the allocator choose. */
            ipam: swarm.v1.IpamConfig[];

            /** Driver options, as `--opt KEY=VALUE`: "encrypted", "com.docker.network.driver.mtu". */
            driverOpts: { [k: string]: string };

            /** No traffic leaves the network: its tasks reach each other, never the outside. */
            internal: boolean;

            /**
             * Creates a new NetworkSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkSpec instance
             */
            static create(properties: swarm.v1.NetworkSpec.$Shape): swarm.v1.NetworkSpec & swarm.v1.NetworkSpec.$Shape;
            static create(properties?: swarm.v1.NetworkSpec.$Properties): swarm.v1.NetworkSpec;

            /**
             * Encodes the specified NetworkSpec message. Does not implicitly {@link swarm.v1.NetworkSpec.verify|verify} messages.
             * @param message NetworkSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkSpec & swarm.v1.NetworkSpec.$Shape} NetworkSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkSpec & swarm.v1.NetworkSpec.$Shape;

            /**
             * Creates a NetworkSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkSpec;

            /**
             * Creates a plain object from a NetworkSpec message. Also converts values to other types if specified.
             * @param message NetworkSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkSpec {

            /** Properties of a NetworkSpec. */
            interface $Properties {

                /** Name (unique) and labels. */
                annotations?: swarm.v1.Annotations.$Properties;

                /** Driver, e.g. "overlay" or "bridge". */
                driver?: string;

                /** Whether this is the routing-mesh network. */
                ingress?: boolean;

                /** Whether standalone containers may attach. */
                attachable?: boolean;

                /** Requested subnets; empty lets the allocator choose. */
                ipam?: swarm.v1.IpamConfig.$Properties[];

                /** Driver options, as `--opt KEY=VALUE`: "encrypted", "com.docker.network.driver.mtu". */
                driverOpts?: { [k: string]: string };

                /** No traffic leaves the network: its tasks reach each other, never the outside. */
                internal?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkSpec. */
            type $Shape = swarm.v1.NetworkSpec.$Properties;
        }

        /**
         * Properties of an IpamConfig.
         * @deprecated Use swarm.v1.IpamConfig.$Properties instead.
         */
        interface IIpamConfig extends swarm.v1.IpamConfig.$Properties {
        }

        /** IpamConfig is one subnet of a network. */
        class IpamConfig {

            /**
             * Constructs a new IpamConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.IpamConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Subnet in CIDR form. */
            subnet: string;

            /** Gateway address. */
            gateway: string;

            /** Sub-range tasks draw addresses from. */
            range: string;

            /**
             * Creates a new IpamConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IpamConfig instance
             */
            static create(properties: swarm.v1.IpamConfig.$Shape): swarm.v1.IpamConfig & swarm.v1.IpamConfig.$Shape;
            static create(properties?: swarm.v1.IpamConfig.$Properties): swarm.v1.IpamConfig;

            /**
             * Encodes the specified IpamConfig message. Does not implicitly {@link swarm.v1.IpamConfig.verify|verify} messages.
             * @param message IpamConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.IpamConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IpamConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.IpamConfig & swarm.v1.IpamConfig.$Shape} IpamConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.IpamConfig & swarm.v1.IpamConfig.$Shape;

            /**
             * Creates an IpamConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IpamConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.IpamConfig;

            /**
             * Creates a plain object from an IpamConfig message. Also converts values to other types if specified.
             * @param message IpamConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.IpamConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IpamConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace IpamConfig {

            /** Properties of an IpamConfig. */
            interface $Properties {

                /** Subnet in CIDR form. */
                subnet?: string;

                /** Gateway address. */
                gateway?: string;

                /** Sub-range tasks draw addresses from. */
                range?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IpamConfig. */
            type $Shape = swarm.v1.IpamConfig.$Properties;
        }

        /**
         * Properties of a ClusterSpec.
         * @deprecated Use swarm.v1.ClusterSpec.$Properties instead.
         */
        interface IClusterSpec extends swarm.v1.ClusterSpec.$Properties {
        }

        /** ClusterSpec is the cluster-wide configuration. */
        class ClusterSpec {

            /**
             * Constructs a new ClusterSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ClusterSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name ("default") and labels of the cluster. */
            annotations: swarm.v1.Annotations;

            /** Orchestration settings. */
            orchestration: swarm.v1.OrchestrationConfig;

            /** Raft settings. */
            raft: swarm.v1.RaftConfig;

            /** Dispatcher settings. */
            dispatcher: swarm.v1.DispatcherConfig;

            /** Certificate authority settings. */
            caConfig: swarm.v1.CaConfig;

            /** Encryption at rest settings. */
            encryptionConfig: swarm.v1.EncryptionConfig;

            /** Dynamic port range for ingress ports published without a number. */
            publishedPortRange: swarm.v1.PortRange;

            /** Overlay network settings (`swarmd init --default-addr-pool ... --data-path-port`). */
            network: swarm.v1.NetworkConfig;

            /**
             * Creates a new ClusterSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClusterSpec instance
             */
            static create(properties: swarm.v1.ClusterSpec.$Shape): swarm.v1.ClusterSpec & swarm.v1.ClusterSpec.$Shape;
            static create(properties?: swarm.v1.ClusterSpec.$Properties): swarm.v1.ClusterSpec;

            /**
             * Encodes the specified ClusterSpec message. Does not implicitly {@link swarm.v1.ClusterSpec.verify|verify} messages.
             * @param message ClusterSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ClusterSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClusterSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ClusterSpec & swarm.v1.ClusterSpec.$Shape} ClusterSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ClusterSpec & swarm.v1.ClusterSpec.$Shape;

            /**
             * Creates a ClusterSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ClusterSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ClusterSpec;

            /**
             * Creates a plain object from a ClusterSpec message. Also converts values to other types if specified.
             * @param message ClusterSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ClusterSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ClusterSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ClusterSpec {

            /** Properties of a ClusterSpec. */
            interface $Properties {

                /** Name ("default") and labels of the cluster. */
                annotations?: swarm.v1.Annotations.$Properties;

                /** Orchestration settings. */
                orchestration?: swarm.v1.OrchestrationConfig.$Properties;

                /** Raft settings. */
                raft?: swarm.v1.RaftConfig.$Properties;

                /** Dispatcher settings. */
                dispatcher?: swarm.v1.DispatcherConfig.$Properties;

                /** Certificate authority settings. */
                caConfig?: swarm.v1.CaConfig.$Properties;

                /** Encryption at rest settings. */
                encryptionConfig?: swarm.v1.EncryptionConfig.$Properties;

                /** Dynamic port range for ingress ports published without a number. */
                publishedPortRange?: swarm.v1.PortRange.$Properties;

                /** Overlay network settings (`swarmd init --default-addr-pool ... --data-path-port`). */
                network?: swarm.v1.NetworkConfig.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClusterSpec. */
            type $Shape = swarm.v1.ClusterSpec.$Properties;
        }

        /**
         * Properties of a NetworkConfig.
         * @deprecated Use swarm.v1.NetworkConfig.$Properties instead.
         */
        interface INetworkConfig extends swarm.v1.NetworkConfig.$Properties {
        }

        /** NetworkConfig is the cluster-wide configuration of overlay networks. */
        class NetworkConfig {

            /**
             * Constructs a new NetworkConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Pools (CIDR) that networks created without a subnet get theirs from, in order; empty means
             * 10.0.0.0/8, as Docker's.
             */
            defaultAddrPools: string[];

            /** Mask length of the subnets cut from the pools, e.g. 24; 0 means 24. */
            subnetSize: number;

            /**
             * UDP port of VXLAN traffic between nodes; 0 means 4789. A node may bind another one
             * (NodeDescription.data_path_port).
             */
            dataPathPort: number;

            /** First VXLAN network identifier handed out; 0 means 4096, as Docker's. */
            vniFirst: number;

            /**
             * Creates a new NetworkConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkConfig instance
             */
            static create(properties: swarm.v1.NetworkConfig.$Shape): swarm.v1.NetworkConfig & swarm.v1.NetworkConfig.$Shape;
            static create(properties?: swarm.v1.NetworkConfig.$Properties): swarm.v1.NetworkConfig;

            /**
             * Encodes the specified NetworkConfig message. Does not implicitly {@link swarm.v1.NetworkConfig.verify|verify} messages.
             * @param message NetworkConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkConfig & swarm.v1.NetworkConfig.$Shape} NetworkConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkConfig & swarm.v1.NetworkConfig.$Shape;

            /**
             * Creates a NetworkConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkConfig;

            /**
             * Creates a plain object from a NetworkConfig message. Also converts values to other types if specified.
             * @param message NetworkConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkConfig {

            /** Properties of a NetworkConfig. */
            interface $Properties {

                /**
                 * Pools (CIDR) that networks created without a subnet get theirs from, in order; empty means
                 * 10.0.0.0/8, as Docker's.
                 */
                defaultAddrPools?: string[];

                /** Mask length of the subnets cut from the pools, e.g. 24; 0 means 24. */
                subnetSize?: number;

                /**
                 * UDP port of VXLAN traffic between nodes; 0 means 4789. A node may bind another one
                 * (NodeDescription.data_path_port).
                 */
                dataPathPort?: number;

                /** First VXLAN network identifier handed out; 0 means 4096, as Docker's. */
                vniFirst?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkConfig. */
            type $Shape = swarm.v1.NetworkConfig.$Properties;
        }

        /**
         * Properties of an OrchestrationConfig.
         * @deprecated Use swarm.v1.OrchestrationConfig.$Properties instead.
         */
        interface IOrchestrationConfig extends swarm.v1.OrchestrationConfig.$Properties {
        }

        /** OrchestrationConfig bounds what the orchestrators keep. */
        class OrchestrationConfig {

            /**
             * Constructs a new OrchestrationConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.OrchestrationConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Dead tasks kept per slot (or per node for global services) for history. */
            taskHistoryRetentionLimit: number;

            /**
             * Creates a new OrchestrationConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OrchestrationConfig instance
             */
            static create(properties: swarm.v1.OrchestrationConfig.$Shape): swarm.v1.OrchestrationConfig & swarm.v1.OrchestrationConfig.$Shape;
            static create(properties?: swarm.v1.OrchestrationConfig.$Properties): swarm.v1.OrchestrationConfig;

            /**
             * Encodes the specified OrchestrationConfig message. Does not implicitly {@link swarm.v1.OrchestrationConfig.verify|verify} messages.
             * @param message OrchestrationConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.OrchestrationConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OrchestrationConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.OrchestrationConfig & swarm.v1.OrchestrationConfig.$Shape} OrchestrationConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.OrchestrationConfig & swarm.v1.OrchestrationConfig.$Shape;

            /**
             * Creates an OrchestrationConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OrchestrationConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.OrchestrationConfig;

            /**
             * Creates a plain object from an OrchestrationConfig message. Also converts values to other types if specified.
             * @param message OrchestrationConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.OrchestrationConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OrchestrationConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace OrchestrationConfig {

            /** Properties of an OrchestrationConfig. */
            interface $Properties {

                /** Dead tasks kept per slot (or per node for global services) for history. */
                taskHistoryRetentionLimit?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OrchestrationConfig. */
            type $Shape = swarm.v1.OrchestrationConfig.$Properties;
        }

        /**
         * Properties of a RaftConfig.
         * @deprecated Use swarm.v1.RaftConfig.$Properties instead.
         */
        interface IRaftConfig extends swarm.v1.RaftConfig.$Properties {
        }

        /** RaftConfig tunes consensus among managers. */
        class RaftConfig {

            /**
             * Constructs a new RaftConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RaftConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Log entries between automatic snapshots. */
            snapshotInterval: number;

            /** Log entries kept behind a snapshot so slow followers can catch up without one. */
            logEntriesForSlowFollowers: number;

            /** Ticks between leader heartbeats. */
            heartbeatTick: number;

            /** Ticks without a heartbeat before a follower starts an election. */
            electionTick: number;

            /** Length of one tick, in nanoseconds. */
            tickNs: number;

            /**
             * Creates a new RaftConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RaftConfig instance
             */
            static create(properties: swarm.v1.RaftConfig.$Shape): swarm.v1.RaftConfig & swarm.v1.RaftConfig.$Shape;
            static create(properties?: swarm.v1.RaftConfig.$Properties): swarm.v1.RaftConfig;

            /**
             * Encodes the specified RaftConfig message. Does not implicitly {@link swarm.v1.RaftConfig.verify|verify} messages.
             * @param message RaftConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RaftConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RaftConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RaftConfig & swarm.v1.RaftConfig.$Shape} RaftConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RaftConfig & swarm.v1.RaftConfig.$Shape;

            /**
             * Creates a RaftConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RaftConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RaftConfig;

            /**
             * Creates a plain object from a RaftConfig message. Also converts values to other types if specified.
             * @param message RaftConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RaftConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RaftConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RaftConfig {

            /** Properties of a RaftConfig. */
            interface $Properties {

                /** Log entries between automatic snapshots. */
                snapshotInterval?: number;

                /** Log entries kept behind a snapshot so slow followers can catch up without one. */
                logEntriesForSlowFollowers?: number;

                /** Ticks between leader heartbeats. */
                heartbeatTick?: number;

                /** Ticks without a heartbeat before a follower starts an election. */
                electionTick?: number;

                /** Length of one tick, in nanoseconds. */
                tickNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RaftConfig. */
            type $Shape = swarm.v1.RaftConfig.$Properties;
        }

        /**
         * Properties of a DispatcherConfig.
         * @deprecated Use swarm.v1.DispatcherConfig.$Properties instead.
         */
        interface IDispatcherConfig extends swarm.v1.DispatcherConfig.$Properties {
        }

        /** DispatcherConfig tunes the manager-to-worker protocol. */
        class DispatcherConfig {

            /**
             * Constructs a new DispatcherConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.DispatcherConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Expected time between worker heartbeats, in nanoseconds. */
            heartbeatPeriodNs: number;

            /**
             * Creates a new DispatcherConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DispatcherConfig instance
             */
            static create(properties: swarm.v1.DispatcherConfig.$Shape): swarm.v1.DispatcherConfig & swarm.v1.DispatcherConfig.$Shape;
            static create(properties?: swarm.v1.DispatcherConfig.$Properties): swarm.v1.DispatcherConfig;

            /**
             * Encodes the specified DispatcherConfig message. Does not implicitly {@link swarm.v1.DispatcherConfig.verify|verify} messages.
             * @param message DispatcherConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.DispatcherConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DispatcherConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.DispatcherConfig & swarm.v1.DispatcherConfig.$Shape} DispatcherConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.DispatcherConfig & swarm.v1.DispatcherConfig.$Shape;

            /**
             * Creates a DispatcherConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DispatcherConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.DispatcherConfig;

            /**
             * Creates a plain object from a DispatcherConfig message. Also converts values to other types if specified.
             * @param message DispatcherConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.DispatcherConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DispatcherConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace DispatcherConfig {

            /** Properties of a DispatcherConfig. */
            interface $Properties {

                /** Expected time between worker heartbeats, in nanoseconds. */
                heartbeatPeriodNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DispatcherConfig. */
            type $Shape = swarm.v1.DispatcherConfig.$Properties;
        }

        /**
         * Properties of a CaConfig.
         * @deprecated Use swarm.v1.CaConfig.$Properties instead.
         */
        interface ICaConfig extends swarm.v1.CaConfig.$Properties {
        }

        /** CaConfig tunes node certificates. */
        class CaConfig {

            /**
             * Constructs a new CaConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CaConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Lifetime of issued node certificates, in nanoseconds. */
            nodeCertExpiryNs: number;

            /** Operators' CA services that sign node certificates instead of the managers (`--external-ca`). */
            externalCas: swarm.v1.ExternalCa[];

            /**
             * PEM of a root to rotate to (`--ca-cert`); when it differs from the current root, a root
             * rotation to it starts.
             */
            signingCaCertPem: Uint8Array;

            /**
             * PEM of the key of signing_ca_cert_pem (`--ca-key`); absent when an external CA holds it. It
             * moves into the rotation and is never stored in the spec nor returned.
             */
            signingCaKeyPem: Uint8Array;

            /** Changing this counter starts a root rotation to a new root the managers make (`--rotate`). */
            forceRotate: number;

            /**
             * Creates a new CaConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CaConfig instance
             */
            static create(properties: swarm.v1.CaConfig.$Shape): swarm.v1.CaConfig & swarm.v1.CaConfig.$Shape;
            static create(properties?: swarm.v1.CaConfig.$Properties): swarm.v1.CaConfig;

            /**
             * Encodes the specified CaConfig message. Does not implicitly {@link swarm.v1.CaConfig.verify|verify} messages.
             * @param message CaConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CaConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CaConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CaConfig & swarm.v1.CaConfig.$Shape} CaConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CaConfig & swarm.v1.CaConfig.$Shape;

            /**
             * Creates a CaConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CaConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CaConfig;

            /**
             * Creates a plain object from a CaConfig message. Also converts values to other types if specified.
             * @param message CaConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CaConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CaConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CaConfig {

            /** Properties of a CaConfig. */
            interface $Properties {

                /** Lifetime of issued node certificates, in nanoseconds. */
                nodeCertExpiryNs?: number;

                /** Operators' CA services that sign node certificates instead of the managers (`--external-ca`). */
                externalCas?: swarm.v1.ExternalCa.$Properties[];

                /**
                 * PEM of a root to rotate to (`--ca-cert`); when it differs from the current root, a root
                 * rotation to it starts.
                 */
                signingCaCertPem?: Uint8Array;

                /**
                 * PEM of the key of signing_ca_cert_pem (`--ca-key`); absent when an external CA holds it. It
                 * moves into the rotation and is never stored in the spec nor returned.
                 */
                signingCaKeyPem?: Uint8Array;

                /** Changing this counter starts a root rotation to a new root the managers make (`--rotate`). */
                forceRotate?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CaConfig. */
            type $Shape = swarm.v1.CaConfig.$Properties;
        }

        /**
         * Properties of an ExternalCa.
         * @deprecated Use swarm.v1.ExternalCa.$Properties instead.
         */
        interface IExternalCa extends swarm.v1.ExternalCa.$Properties {
        }

        /** ExternalCa is one operator CA service that signs node certificates. */
        class ExternalCa {

            /**
             * Constructs a new ExternalCa.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ExternalCa.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Protocol spoken to it. */
            protocol: swarm.v1.ExternalCa.Protocol;

            /** Its https:// URL. */
            url: string;

            /** Extra options (none are read today; kept as Docker keeps them). */
            options: { [k: string]: string };

            /** PEM of the root it signs under; empty means the cluster's current root. */
            caCertPem: Uint8Array;

            /**
             * Creates a new ExternalCa instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExternalCa instance
             */
            static create(properties: swarm.v1.ExternalCa.$Shape): swarm.v1.ExternalCa & swarm.v1.ExternalCa.$Shape;
            static create(properties?: swarm.v1.ExternalCa.$Properties): swarm.v1.ExternalCa;

            /**
             * Encodes the specified ExternalCa message. Does not implicitly {@link swarm.v1.ExternalCa.verify|verify} messages.
             * @param message ExternalCa message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ExternalCa.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExternalCa message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ExternalCa & swarm.v1.ExternalCa.$Shape} ExternalCa
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ExternalCa & swarm.v1.ExternalCa.$Shape;

            /**
             * Creates an ExternalCa message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ExternalCa
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ExternalCa;

            /**
             * Creates a plain object from an ExternalCa message. Also converts values to other types if specified.
             * @param message ExternalCa
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ExternalCa, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ExternalCa to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ExternalCa {

            /** Properties of an ExternalCa. */
            interface $Properties {

                /** Protocol spoken to it. */
                protocol?: swarm.v1.ExternalCa.Protocol;

                /** Its https:// URL. */
                url?: string;

                /** Extra options (none are read today; kept as Docker keeps them). */
                options?: { [k: string]: string };

                /** PEM of the root it signs under; empty means the cluster's current root. */
                caCertPem?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ExternalCa. */
            type $Shape = swarm.v1.ExternalCa.$Properties;

            /** Protocol spoken to it. */
            enum Protocol {

                /** cfssl's signing API (POST /api/v1/cfssl/sign). */
                PROTOCOL_CFSSL = 0
            }
        }

        /**
         * Properties of an EncryptionConfig.
         * @deprecated Use swarm.v1.EncryptionConfig.$Properties instead.
         */
        interface IEncryptionConfig extends swarm.v1.EncryptionConfig.$Properties {
        }

        /** EncryptionConfig governs encryption of manager state at rest. */
        class EncryptionConfig {

            /**
             * Constructs a new EncryptionConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.EncryptionConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Require an unlock key before a restarted manager can read its raft state. */
            autoLockManagers: boolean;

            /**
             * Creates a new EncryptionConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EncryptionConfig instance
             */
            static create(properties: swarm.v1.EncryptionConfig.$Shape): swarm.v1.EncryptionConfig & swarm.v1.EncryptionConfig.$Shape;
            static create(properties?: swarm.v1.EncryptionConfig.$Properties): swarm.v1.EncryptionConfig;

            /**
             * Encodes the specified EncryptionConfig message. Does not implicitly {@link swarm.v1.EncryptionConfig.verify|verify} messages.
             * @param message EncryptionConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.EncryptionConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EncryptionConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.EncryptionConfig & swarm.v1.EncryptionConfig.$Shape} EncryptionConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.EncryptionConfig & swarm.v1.EncryptionConfig.$Shape;

            /**
             * Creates an EncryptionConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EncryptionConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.EncryptionConfig;

            /**
             * Creates a plain object from an EncryptionConfig message. Also converts values to other types if specified.
             * @param message EncryptionConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.EncryptionConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EncryptionConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EncryptionConfig {

            /** Properties of an EncryptionConfig. */
            interface $Properties {

                /** Require an unlock key before a restarted manager can read its raft state. */
                autoLockManagers?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EncryptionConfig. */
            type $Shape = swarm.v1.EncryptionConfig.$Properties;
        }

        /**
         * Properties of a PortRange.
         * @deprecated Use swarm.v1.PortRange.$Properties instead.
         */
        interface IPortRange extends swarm.v1.PortRange.$Properties {
        }

        /** PortRange is an inclusive range of port numbers. */
        class PortRange {

            /**
             * Constructs a new PortRange.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PortRange.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** First port of the range. */
            start: number;

            /** Last port of the range. */
            end: number;

            /**
             * Creates a new PortRange instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PortRange instance
             */
            static create(properties: swarm.v1.PortRange.$Shape): swarm.v1.PortRange & swarm.v1.PortRange.$Shape;
            static create(properties?: swarm.v1.PortRange.$Properties): swarm.v1.PortRange;

            /**
             * Encodes the specified PortRange message. Does not implicitly {@link swarm.v1.PortRange.verify|verify} messages.
             * @param message PortRange message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PortRange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PortRange message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PortRange & swarm.v1.PortRange.$Shape} PortRange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PortRange & swarm.v1.PortRange.$Shape;

            /**
             * Creates a PortRange message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PortRange
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PortRange;

            /**
             * Creates a plain object from a PortRange message. Also converts values to other types if specified.
             * @param message PortRange
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PortRange, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PortRange to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PortRange {

            /** Properties of a PortRange. */
            interface $Properties {

                /** First port of the range. */
                start?: number;

                /** Last port of the range. */
                end?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PortRange. */
            type $Shape = swarm.v1.PortRange.$Properties;
        }

        /**
         * Properties of a NodeSpec.
         * @deprecated Use swarm.v1.NodeSpec.$Properties instead.
         */
        interface INodeSpec extends swarm.v1.NodeSpec.$Properties {
        }

        /** NodeSpec is what operators set on a node. */
        class NodeSpec {

            /**
             * Constructs a new NodeSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name and labels of the node (labels are operator labels, used by constraints). */
            annotations: swarm.v1.Annotations;

            /** Desired role; changing it promotes or demotes the node. */
            desiredRole: swarm.v1.NodeSpec.Role;

            /** Scheduling availability. */
            availability: swarm.v1.NodeSpec.Availability;

            /**
             * Creates a new NodeSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeSpec instance
             */
            static create(properties: swarm.v1.NodeSpec.$Shape): swarm.v1.NodeSpec & swarm.v1.NodeSpec.$Shape;
            static create(properties?: swarm.v1.NodeSpec.$Properties): swarm.v1.NodeSpec;

            /**
             * Encodes the specified NodeSpec message. Does not implicitly {@link swarm.v1.NodeSpec.verify|verify} messages.
             * @param message NodeSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeSpec & swarm.v1.NodeSpec.$Shape} NodeSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeSpec & swarm.v1.NodeSpec.$Shape;

            /**
             * Creates a NodeSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeSpec;

            /**
             * Creates a plain object from a NodeSpec message. Also converts values to other types if specified.
             * @param message NodeSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeSpec {

            /** Properties of a NodeSpec. */
            interface $Properties {

                /** Name and labels of the node (labels are operator labels, used by constraints). */
                annotations?: swarm.v1.Annotations.$Properties;

                /** Desired role; changing it promotes or demotes the node. */
                desiredRole?: swarm.v1.NodeSpec.Role;

                /** Scheduling availability. */
                availability?: swarm.v1.NodeSpec.Availability;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeSpec. */
            type $Shape = swarm.v1.NodeSpec.$Properties;

            /** Role the node should have. */
            enum Role {

                /** Runs tasks only. */
                ROLE_WORKER = 0,

                /** Keeps the raft log and may also run tasks. */
                ROLE_MANAGER = 1
            }

            /** Whether the scheduler may use the node. */
            enum Availability {

                /** The scheduler places tasks here. */
                AVAILABILITY_ACTIVE = 0,

                /** No new tasks; running tasks stay. */
                AVAILABILITY_PAUSE = 1,

                /** No new tasks; running tasks are moved elsewhere. */
                AVAILABILITY_DRAIN = 2
            }
        }

        /**
         * Properties of a ServiceSpec.
         * @deprecated Use swarm.v1.ServiceSpec.$Properties instead.
         */
        interface IServiceSpec extends swarm.v1.ServiceSpec.$Properties {
        }

        /** ServiceSpec is a service as the operator declared it. */
        class ServiceSpec {

            /**
             * Constructs a new ServiceSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ServiceSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name (unique) and labels of the service. */
            annotations: swarm.v1.Annotations;

            /** Template for every task of the service. */
            task: swarm.v1.TaskSpec;

            /** A fixed number of tasks. */
            replicated: (swarm.v1.ReplicatedService|null);

            /** One task on every eligible node. */
            global: (swarm.v1.GlobalService|null);

            /** Tasks that run to completion, a fixed total. */
            replicatedJob: (swarm.v1.ReplicatedJob|null);

            /** One run-to-completion task on every eligible node. */
            globalJob: (swarm.v1.GlobalJob|null);

            /** Rolling update settings. */
            update: swarm.v1.UpdateConfig;

            /** Rollback settings. */
            rollback: swarm.v1.UpdateConfig;

            /** Published ports and resolution mode. */
            endpoint: swarm.v1.EndpointSpec;

            /** Networks the service attaches to (besides ingress for published ports). */
            networks: swarm.v1.NetworkAttachmentConfig[];

            /** How many tasks run and where. */
            mode?: ("replicated"|"global"|"replicatedJob"|"globalJob");

            /**
             * Creates a new ServiceSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ServiceSpec instance
             */
            static create(properties: swarm.v1.ServiceSpec.$Shape): swarm.v1.ServiceSpec & swarm.v1.ServiceSpec.$Shape;
            static create(properties?: swarm.v1.ServiceSpec.$Properties): swarm.v1.ServiceSpec;

            /**
             * Encodes the specified ServiceSpec message. Does not implicitly {@link swarm.v1.ServiceSpec.verify|verify} messages.
             * @param message ServiceSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ServiceSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ServiceSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ServiceSpec & swarm.v1.ServiceSpec.$Shape} ServiceSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ServiceSpec & swarm.v1.ServiceSpec.$Shape;

            /**
             * Creates a ServiceSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ServiceSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ServiceSpec;

            /**
             * Creates a plain object from a ServiceSpec message. Also converts values to other types if specified.
             * @param message ServiceSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ServiceSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ServiceSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ServiceSpec {

            /** Properties of a ServiceSpec. */
            interface $Properties {

                /** Name (unique) and labels of the service. */
                annotations?: swarm.v1.Annotations.$Properties;

                /** Template for every task of the service. */
                task?: swarm.v1.TaskSpec.$Properties;

                /** A fixed number of tasks. */
                replicated?: (swarm.v1.ReplicatedService.$Properties|null);

                /** One task on every eligible node. */
                global?: (swarm.v1.GlobalService.$Properties|null);

                /** Tasks that run to completion, a fixed total. */
                replicatedJob?: (swarm.v1.ReplicatedJob.$Properties|null);

                /** One run-to-completion task on every eligible node. */
                globalJob?: (swarm.v1.GlobalJob.$Properties|null);

                /** Rolling update settings. */
                update?: swarm.v1.UpdateConfig.$Properties;

                /** Rollback settings. */
                rollback?: swarm.v1.UpdateConfig.$Properties;

                /** Published ports and resolution mode. */
                endpoint?: swarm.v1.EndpointSpec.$Properties;

                /** Networks the service attaches to (besides ingress for published ports). */
                networks?: swarm.v1.NetworkAttachmentConfig.$Properties[];

                /** How many tasks run and where. */
                mode?: ("replicated"|"global"|"replicatedJob"|"globalJob");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ServiceSpec. */
            type $Shape = {
              annotations?: swarm.v1.Annotations.$Shape;
              task?: swarm.v1.TaskSpec.$Shape;
              replicated?: swarm.v1.ReplicatedService.$Shape|null;
              global?: swarm.v1.GlobalService.$Shape|null;
              replicatedJob?: swarm.v1.ReplicatedJob.$Shape|null;
              globalJob?: swarm.v1.GlobalJob.$Shape|null;
              update?: swarm.v1.UpdateConfig.$Shape;
              rollback?: swarm.v1.UpdateConfig.$Shape;
              endpoint?: swarm.v1.EndpointSpec.$Shape;
              networks?: swarm.v1.NetworkAttachmentConfig.$Shape[];
              $unknowns?: Uint8Array[];
            } & (
              ({ mode?: undefined; replicated?: null; global?: null; replicatedJob?: null; globalJob?: null }|{ mode?: "replicated"; replicated: swarm.v1.ReplicatedService.$Shape; global?: null; replicatedJob?: null; globalJob?: null }|{ mode?: "global"; replicated?: null; global: swarm.v1.GlobalService.$Shape; replicatedJob?: null; globalJob?: null }|{ mode?: "replicatedJob"; replicated?: null; global?: null; replicatedJob: swarm.v1.ReplicatedJob.$Shape; globalJob?: null }|{ mode?: "globalJob"; replicated?: null; global?: null; replicatedJob?: null; globalJob: swarm.v1.GlobalJob.$Shape })
            );
        }

        /**
         * Properties of a ReplicatedService.
         * @deprecated Use swarm.v1.ReplicatedService.$Properties instead.
         */
        interface IReplicatedService extends swarm.v1.ReplicatedService.$Properties {
        }

        /** ReplicatedService runs a fixed number of tasks. */
        class ReplicatedService {

            /**
             * Constructs a new ReplicatedService.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ReplicatedService.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Number of tasks (slots) to keep running. */
            replicas: number;

            /**
             * Creates a new ReplicatedService instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReplicatedService instance
             */
            static create(properties: swarm.v1.ReplicatedService.$Shape): swarm.v1.ReplicatedService & swarm.v1.ReplicatedService.$Shape;
            static create(properties?: swarm.v1.ReplicatedService.$Properties): swarm.v1.ReplicatedService;

            /**
             * Encodes the specified ReplicatedService message. Does not implicitly {@link swarm.v1.ReplicatedService.verify|verify} messages.
             * @param message ReplicatedService message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ReplicatedService.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReplicatedService message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ReplicatedService & swarm.v1.ReplicatedService.$Shape} ReplicatedService
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ReplicatedService & swarm.v1.ReplicatedService.$Shape;

            /**
             * Creates a ReplicatedService message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ReplicatedService
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ReplicatedService;

            /**
             * Creates a plain object from a ReplicatedService message. Also converts values to other types if specified.
             * @param message ReplicatedService
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ReplicatedService, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReplicatedService to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ReplicatedService {

            /** Properties of a ReplicatedService. */
            interface $Properties {

                /** Number of tasks (slots) to keep running. */
                replicas?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReplicatedService. */
            type $Shape = swarm.v1.ReplicatedService.$Properties;
        }

        /**
         * Properties of a GlobalService.
         * @deprecated Use swarm.v1.GlobalService.$Properties instead.
         */
        interface IGlobalService extends swarm.v1.GlobalService.$Properties {
        }

        /** GlobalService runs one task on every eligible node. */
        class GlobalService {

            /**
             * Constructs a new GlobalService.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GlobalService.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new GlobalService instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GlobalService instance
             */
            static create(properties: swarm.v1.GlobalService.$Shape): swarm.v1.GlobalService & swarm.v1.GlobalService.$Shape;
            static create(properties?: swarm.v1.GlobalService.$Properties): swarm.v1.GlobalService;

            /**
             * Encodes the specified GlobalService message. Does not implicitly {@link swarm.v1.GlobalService.verify|verify} messages.
             * @param message GlobalService message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GlobalService.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GlobalService message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GlobalService & swarm.v1.GlobalService.$Shape} GlobalService
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GlobalService & swarm.v1.GlobalService.$Shape;

            /**
             * Creates a GlobalService message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GlobalService
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GlobalService;

            /**
             * Creates a plain object from a GlobalService message. Also converts values to other types if specified.
             * @param message GlobalService
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GlobalService, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GlobalService to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GlobalService {

            /** Properties of a GlobalService. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GlobalService. */
            type $Shape = swarm.v1.GlobalService.$Properties;
        }

        /**
         * Properties of a ReplicatedJob.
         * @deprecated Use swarm.v1.ReplicatedJob.$Properties instead.
         */
        interface IReplicatedJob extends swarm.v1.ReplicatedJob.$Properties {
        }

        /** ReplicatedJob runs tasks to completion until total_completions succeed. */
        class ReplicatedJob {

            /**
             * Constructs a new ReplicatedJob.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ReplicatedJob.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Most tasks running at once. */
            maxConcurrent: number;

            /** Successful completions after which the job is done. */
            totalCompletions: number;

            /**
             * Creates a new ReplicatedJob instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReplicatedJob instance
             */
            static create(properties: swarm.v1.ReplicatedJob.$Shape): swarm.v1.ReplicatedJob & swarm.v1.ReplicatedJob.$Shape;
            static create(properties?: swarm.v1.ReplicatedJob.$Properties): swarm.v1.ReplicatedJob;

            /**
             * Encodes the specified ReplicatedJob message. Does not implicitly {@link swarm.v1.ReplicatedJob.verify|verify} messages.
             * @param message ReplicatedJob message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ReplicatedJob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReplicatedJob message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ReplicatedJob & swarm.v1.ReplicatedJob.$Shape} ReplicatedJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ReplicatedJob & swarm.v1.ReplicatedJob.$Shape;

            /**
             * Creates a ReplicatedJob message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ReplicatedJob
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ReplicatedJob;

            /**
             * Creates a plain object from a ReplicatedJob message. Also converts values to other types if specified.
             * @param message ReplicatedJob
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ReplicatedJob, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReplicatedJob to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ReplicatedJob {

            /** Properties of a ReplicatedJob. */
            interface $Properties {

                /** Most tasks running at once. */
                maxConcurrent?: number;

                /** Successful completions after which the job is done. */
                totalCompletions?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReplicatedJob. */
            type $Shape = swarm.v1.ReplicatedJob.$Properties;
        }

        /**
         * Properties of a GlobalJob.
         * @deprecated Use swarm.v1.GlobalJob.$Properties instead.
         */
        interface IGlobalJob extends swarm.v1.GlobalJob.$Properties {
        }

        /** GlobalJob runs one task to completion on every eligible node. */
        class GlobalJob {

            /**
             * Constructs a new GlobalJob.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GlobalJob.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new GlobalJob instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GlobalJob instance
             */
            static create(properties: swarm.v1.GlobalJob.$Shape): swarm.v1.GlobalJob & swarm.v1.GlobalJob.$Shape;
            static create(properties?: swarm.v1.GlobalJob.$Properties): swarm.v1.GlobalJob;

            /**
             * Encodes the specified GlobalJob message. Does not implicitly {@link swarm.v1.GlobalJob.verify|verify} messages.
             * @param message GlobalJob message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GlobalJob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GlobalJob message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GlobalJob & swarm.v1.GlobalJob.$Shape} GlobalJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GlobalJob & swarm.v1.GlobalJob.$Shape;

            /**
             * Creates a GlobalJob message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GlobalJob
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GlobalJob;

            /**
             * Creates a plain object from a GlobalJob message. Also converts values to other types if specified.
             * @param message GlobalJob
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GlobalJob, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GlobalJob to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GlobalJob {

            /** Properties of a GlobalJob. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GlobalJob. */
            type $Shape = swarm.v1.GlobalJob.$Properties;
        }

        /**
         * Properties of a TaskSpec.
         * @deprecated Use swarm.v1.TaskSpec.$Properties instead.
         */
        interface ITaskSpec extends swarm.v1.TaskSpec.$Properties {
        }

        /** TaskSpec is the template of a task. */
        class TaskSpec {

            /**
             * Constructs a new TaskSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.TaskSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** A container on the node's engine. */
            container: (swarm.v1.ContainerSpec|null);

            /** CPU and memory limits and reservations. */
            resources: swarm.v1.ResourceRequirements;

            /** When a stopped task is replaced. */
            restart: swarm.v1.RestartPolicy;

            /** Where the task may run. */
            placement: swarm.v1.Placement;

            /** Networks the task attaches to. */
            networks: swarm.v1.NetworkAttachmentConfig[];

            /** Bumped to force a redeploy when nothing else changed. */
            forceUpdate: number;

            /** Log driver settings for the container. */
            logDriver: swarm.v1.LogDriver;

            /** What the task runs. */
            runtime?: "container";

            /**
             * Creates a new TaskSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskSpec instance
             */
            static create(properties: swarm.v1.TaskSpec.$Shape): swarm.v1.TaskSpec & swarm.v1.TaskSpec.$Shape;
            static create(properties?: swarm.v1.TaskSpec.$Properties): swarm.v1.TaskSpec;

            /**
             * Encodes the specified TaskSpec message. Does not implicitly {@link swarm.v1.TaskSpec.verify|verify} messages.
             * @param message TaskSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.TaskSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.TaskSpec & swarm.v1.TaskSpec.$Shape} TaskSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.TaskSpec & swarm.v1.TaskSpec.$Shape;

            /**
             * Creates a TaskSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.TaskSpec;

            /**
             * Creates a plain object from a TaskSpec message. Also converts values to other types if specified.
             * @param message TaskSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.TaskSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskSpec {

            /** Properties of a TaskSpec. */
            interface $Properties {

                /** A container on the node's engine. */
                container?: (swarm.v1.ContainerSpec.$Properties|null);

                /** CPU and memory limits and reservations. */
                resources?: swarm.v1.ResourceRequirements.$Properties;

                /** When a stopped task is replaced. */
                restart?: swarm.v1.RestartPolicy.$Properties;

                /** Where the task may run. */
                placement?: swarm.v1.Placement.$Properties;

                /** Networks the task attaches to. */
                networks?: swarm.v1.NetworkAttachmentConfig.$Properties[];

                /** Bumped to force a redeploy when nothing else changed. */
                forceUpdate?: number;

                /** Log driver settings for the container. */
                logDriver?: swarm.v1.LogDriver.$Properties;

                /** What the task runs. */
                runtime?: "container";

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a TaskSpec. */
            type $Shape = {
              container?: swarm.v1.ContainerSpec.$Shape|null;
              resources?: swarm.v1.ResourceRequirements.$Shape;
              restart?: swarm.v1.RestartPolicy.$Shape;
              placement?: swarm.v1.Placement.$Shape;
              networks?: swarm.v1.NetworkAttachmentConfig.$Shape[];
              forceUpdate?: number;
              logDriver?: swarm.v1.LogDriver.$Shape;
              $unknowns?: Uint8Array[];
            } & (
              ({ runtime?: undefined; container?: null }|{ runtime?: "container"; container: swarm.v1.ContainerSpec.$Shape })
            );
        }

        /**
         * Properties of a LogDriver.
         * @deprecated Use swarm.v1.LogDriver.$Properties instead.
         */
        interface ILogDriver extends swarm.v1.LogDriver.$Properties {
        }

        /** LogDriver names an engine log driver and its options. */
        class LogDriver {

            /**
             * Constructs a new LogDriver.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LogDriver.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Driver name, e.g. "json-file". */
            name: string;

            /** Driver options. */
            options: { [k: string]: string };

            /**
             * Creates a new LogDriver instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LogDriver instance
             */
            static create(properties: swarm.v1.LogDriver.$Shape): swarm.v1.LogDriver & swarm.v1.LogDriver.$Shape;
            static create(properties?: swarm.v1.LogDriver.$Properties): swarm.v1.LogDriver;

            /**
             * Encodes the specified LogDriver message. Does not implicitly {@link swarm.v1.LogDriver.verify|verify} messages.
             * @param message LogDriver message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LogDriver.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LogDriver message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LogDriver & swarm.v1.LogDriver.$Shape} LogDriver
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LogDriver & swarm.v1.LogDriver.$Shape;

            /**
             * Creates a LogDriver message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LogDriver
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LogDriver;

            /**
             * Creates a plain object from a LogDriver message. Also converts values to other types if specified.
             * @param message LogDriver
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LogDriver, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LogDriver to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LogDriver {

            /** Properties of a LogDriver. */
            interface $Properties {

                /** Driver name, e.g. "json-file". */
                name?: string;

                /** Driver options. */
                options?: { [k: string]: string };

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LogDriver. */
            type $Shape = swarm.v1.LogDriver.$Properties;
        }

        /**
         * Properties of a ContainerSpec.
         * @deprecated Use swarm.v1.ContainerSpec.$Properties instead.
         */
        interface IContainerSpec extends swarm.v1.ContainerSpec.$Properties {
        }

        /** ContainerSpec describes the container of a task. */
        class ContainerSpec {

            /**
             * Constructs a new ContainerSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ContainerSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Image reference, e.g. "redis:7" (pinned to a digest by the manager when it can). */
            image: string;

            /** Container labels. */
            labels: { [k: string]: string };

            /** Entrypoint override; empty keeps the image's. */
            command: string[];

            /** Arguments to the entrypoint. */
            args: string[];

            /** Environment, as KEY=VALUE. */
            env: string[];

            /** Working directory. */
            dir: string;

            /** User to run as, "user", "uid" or "uid:gid". */
            user: string;

            /** Supplementary groups. */
            groups: string[];

            /** Container hostname; may be a template such as "{{.Service.Name}}-{{.Task.Slot}}". */
            hostname: string;

            /** Storage mounts. */
            mounts: swarm.v1.Mount[];

            /** Secrets made available as files. */
            secrets: swarm.v1.SecretReference[];

            /** Configs made available as files. */
            configs: swarm.v1.ConfigReference[];

            /** Signal sent to stop the container, e.g. "SIGTERM". */
            stopSignal: string;

            /** Time between the stop signal and SIGKILL, in nanoseconds. */
            stopGracePeriodNs: number;

            /** Health check; absent keeps the image's. */
            healthcheck: swarm.v1.HealthConfig;

            /** Run an init process as PID 1. */
            init: boolean;

            /** Mount the root filesystem read-only. */
            readOnly: boolean;

            /** Allocate a pseudo-TTY. */
            tty: boolean;

            /** Keep stdin open. */
            openStdin: boolean;

            /** Extra /etc/hosts entries, "IP host [alias...]". */
            hosts: string[];

            /** DNS settings. */
            dnsConfig: swarm.v1.DnsConfig;

            /** Kernel parameters, e.g. net.core.somaxconn. */
            sysctls: { [k: string]: string };

            /** Capabilities to add. */
            capabilityAdd: string[];

            /** Capabilities to drop. */
            capabilityDrop: string[];

            /** Process-count limit; 0 means unlimited. */
            pidsLimit: number;

            /** Resource limits of the container's processes (setrlimit), e.g. nofile=1024:2048. */
            ulimits: swarm.v1.Ulimit[];

            /** Isolation technology; only the default exists on Linux. */
            isolation: swarm.v1.ContainerSpec.Isolation;

            /** Adjustment of the kernel's OOM-killer score, from -1000 (never kill) to 1000. */
            oomScoreAdj: number;

            /** How the node pulls the image. Numbered apart from the settings above, which grow. */
            pullOptions: swarm.v1.PullOptions;

            /**
             * Creates a new ContainerSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerSpec instance
             */
            static create(properties: swarm.v1.ContainerSpec.$Shape): swarm.v1.ContainerSpec & swarm.v1.ContainerSpec.$Shape;
            static create(properties?: swarm.v1.ContainerSpec.$Properties): swarm.v1.ContainerSpec;

            /**
             * Encodes the specified ContainerSpec message. Does not implicitly {@link swarm.v1.ContainerSpec.verify|verify} messages.
             * @param message ContainerSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ContainerSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ContainerSpec & swarm.v1.ContainerSpec.$Shape} ContainerSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ContainerSpec & swarm.v1.ContainerSpec.$Shape;

            /**
             * Creates a ContainerSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ContainerSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ContainerSpec;

            /**
             * Creates a plain object from a ContainerSpec message. Also converts values to other types if specified.
             * @param message ContainerSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ContainerSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ContainerSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ContainerSpec {

            /** Properties of a ContainerSpec. */
            interface $Properties {

                /** Image reference, e.g. "redis:7" (pinned to a digest by the manager when it can). */
                image?: string;

                /** Container labels. */
                labels?: { [k: string]: string };

                /** Entrypoint override; empty keeps the image's. */
                command?: string[];

                /** Arguments to the entrypoint. */
                args?: string[];

                /** Environment, as KEY=VALUE. */
                env?: string[];

                /** Working directory. */
                dir?: string;

                /** User to run as, "user", "uid" or "uid:gid". */
                user?: string;

                /** Supplementary groups. */
                groups?: string[];

                /** Container hostname; may be a template such as "{{.Service.Name}}-{{.Task.Slot}}". */
                hostname?: string;

                /** Storage mounts. */
                mounts?: swarm.v1.Mount.$Properties[];

                /** Secrets made available as files. */
                secrets?: swarm.v1.SecretReference.$Properties[];

                /** Configs made available as files. */
                configs?: swarm.v1.ConfigReference.$Properties[];

                /** Signal sent to stop the container, e.g. "SIGTERM". */
                stopSignal?: string;

                /** Time between the stop signal and SIGKILL, in nanoseconds. */
                stopGracePeriodNs?: number;

                /** Health check; absent keeps the image's. */
                healthcheck?: swarm.v1.HealthConfig.$Properties;

                /** Run an init process as PID 1. */
                init?: boolean;

                /** Mount the root filesystem read-only. */
                readOnly?: boolean;

                /** Allocate a pseudo-TTY. */
                tty?: boolean;

                /** Keep stdin open. */
                openStdin?: boolean;

                /** Extra /etc/hosts entries, "IP host [alias...]". */
                hosts?: string[];

                /** DNS settings. */
                dnsConfig?: swarm.v1.DnsConfig.$Properties;

                /** Kernel parameters, e.g. net.core.somaxconn. */
                sysctls?: { [k: string]: string };

                /** Capabilities to add. */
                capabilityAdd?: string[];

                /** Capabilities to drop. */
                capabilityDrop?: string[];

                /** Process-count limit; 0 means unlimited. */
                pidsLimit?: number;

                /** Resource limits of the container's processes (setrlimit), e.g. nofile=1024:2048. */
                ulimits?: swarm.v1.Ulimit.$Properties[];

                /** Isolation technology; only the default exists on Linux. */
                isolation?: swarm.v1.ContainerSpec.Isolation;

                /** Adjustment of the kernel's OOM-killer score, from -1000 (never kill) to 1000. */
                oomScoreAdj?: number;

                /** How the node pulls the image. Numbered apart from the settings above, which grow. */
                pullOptions?: swarm.v1.PullOptions.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ContainerSpec. */
            type $Shape = swarm.v1.ContainerSpec.$Properties;

            /** Isolation technology of the container, as Docker defines it. */
            enum Isolation {

                /** The engine's default: namespaces and cgroups on Linux. */
                ISOLATION_DEFAULT = 0,

                /** Windows process isolation; refused, since every node of swarm-ts runs Linux. */
                ISOLATION_PROCESS = 1,

                /** Windows Hyper-V isolation; refused, since every node of swarm-ts runs Linux. */
                ISOLATION_HYPERV = 2
            }
        }

        /**
         * Properties of an Ulimit.
         * @deprecated Use swarm.v1.Ulimit.$Properties instead.
         */
        interface IUlimit extends swarm.v1.Ulimit.$Properties {
        }

        /** Ulimit is one resource limit of a container's processes. */
        class Ulimit {

            /**
             * Constructs a new Ulimit.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Ulimit.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Resource name without the RLIMIT_ prefix, lower case, e.g. "nofile". */
            name: string;

            /** Soft limit. */
            soft: number;

            /** Hard limit. */
            hard: number;

            /**
             * Creates a new Ulimit instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ulimit instance
             */
            static create(properties: swarm.v1.Ulimit.$Shape): swarm.v1.Ulimit & swarm.v1.Ulimit.$Shape;
            static create(properties?: swarm.v1.Ulimit.$Properties): swarm.v1.Ulimit;

            /**
             * Encodes the specified Ulimit message. Does not implicitly {@link swarm.v1.Ulimit.verify|verify} messages.
             * @param message Ulimit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Ulimit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Ulimit message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Ulimit & swarm.v1.Ulimit.$Shape} Ulimit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Ulimit & swarm.v1.Ulimit.$Shape;

            /**
             * Creates an Ulimit message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Ulimit
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Ulimit;

            /**
             * Creates a plain object from an Ulimit message. Also converts values to other types if specified.
             * @param message Ulimit
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Ulimit, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Ulimit to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Ulimit {

            /** Properties of an Ulimit. */
            interface $Properties {

                /** Resource name without the RLIMIT_ prefix, lower case, e.g. "nofile". */
                name?: string;

                /** Soft limit. */
                soft?: number;

                /** Hard limit. */
                hard?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Ulimit. */
            type $Shape = swarm.v1.Ulimit.$Properties;
        }

        /**
         * Properties of a PullOptions.
         * @deprecated Use swarm.v1.PullOptions.$Properties instead.
         */
        interface IPullOptions extends swarm.v1.PullOptions.$Properties {
        }

        /** PullOptions carries what a node needs to pull a service's image. */
        class PullOptions {

            /**
             * Constructs a new PullOptions.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PullOptions.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Registry credentials for the pull, as Docker's X-Registry-Auth: base64url of the JSON
             * {"username","password","serveraddress"} or {"identitytoken","serveraddress"}. Kept in the
             * encrypted raft store, sent only to nodes running the service's tasks, used only for the pull,
             * never written to a node's disk and never returned by any API.
             */
            registryAuth: string;

            /**
             * Creates a new PullOptions instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PullOptions instance
             */
            static create(properties: swarm.v1.PullOptions.$Shape): swarm.v1.PullOptions & swarm.v1.PullOptions.$Shape;
            static create(properties?: swarm.v1.PullOptions.$Properties): swarm.v1.PullOptions;

            /**
             * Encodes the specified PullOptions message. Does not implicitly {@link swarm.v1.PullOptions.verify|verify} messages.
             * @param message PullOptions message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PullOptions.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PullOptions message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PullOptions & swarm.v1.PullOptions.$Shape} PullOptions
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PullOptions & swarm.v1.PullOptions.$Shape;

            /**
             * Creates a PullOptions message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PullOptions
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PullOptions;

            /**
             * Creates a plain object from a PullOptions message. Also converts values to other types if specified.
             * @param message PullOptions
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PullOptions, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PullOptions to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PullOptions {

            /** Properties of a PullOptions. */
            interface $Properties {

                /**
                 * Registry credentials for the pull, as Docker's X-Registry-Auth: base64url of the JSON
                 * {"username","password","serveraddress"} or {"identitytoken","serveraddress"}. Kept in the
                 * encrypted raft store, sent only to nodes running the service's tasks, used only for the pull,
                 * never written to a node's disk and never returned by any API.
                 */
                registryAuth?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PullOptions. */
            type $Shape = swarm.v1.PullOptions.$Properties;
        }

        /**
         * Properties of a DnsConfig.
         * @deprecated Use swarm.v1.DnsConfig.$Properties instead.
         */
        interface IDnsConfig extends swarm.v1.DnsConfig.$Properties {
        }

        /** DnsConfig overrides a container's resolver settings. */
        class DnsConfig {

            /**
             * Constructs a new DnsConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.DnsConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name servers. */
            nameservers: string[];

            /** Search domains. */
            search: string[];

            /** Resolver options. */
            options: string[];

            /**
             * Creates a new DnsConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DnsConfig instance
             */
            static create(properties: swarm.v1.DnsConfig.$Shape): swarm.v1.DnsConfig & swarm.v1.DnsConfig.$Shape;
            static create(properties?: swarm.v1.DnsConfig.$Properties): swarm.v1.DnsConfig;

            /**
             * Encodes the specified DnsConfig message. Does not implicitly {@link swarm.v1.DnsConfig.verify|verify} messages.
             * @param message DnsConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.DnsConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DnsConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.DnsConfig & swarm.v1.DnsConfig.$Shape} DnsConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.DnsConfig & swarm.v1.DnsConfig.$Shape;

            /**
             * Creates a DnsConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DnsConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.DnsConfig;

            /**
             * Creates a plain object from a DnsConfig message. Also converts values to other types if specified.
             * @param message DnsConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.DnsConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DnsConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace DnsConfig {

            /** Properties of a DnsConfig. */
            interface $Properties {

                /** Name servers. */
                nameservers?: string[];

                /** Search domains. */
                search?: string[];

                /** Resolver options. */
                options?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DnsConfig. */
            type $Shape = swarm.v1.DnsConfig.$Properties;
        }

        /**
         * Properties of a SecretSpec.
         * @deprecated Use swarm.v1.SecretSpec.$Properties instead.
         */
        interface ISecretSpec extends swarm.v1.SecretSpec.$Properties {
        }

        /** SecretSpec is a secret as created by the operator. */
        class SecretSpec {

            /**
             * Constructs a new SecretSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SecretSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name (unique) and labels. */
            annotations: swarm.v1.Annotations;

            /** The secret's bytes; accepted on create, never returned by the API. */
            data: Uint8Array;

            /**
             * Creates a new SecretSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SecretSpec instance
             */
            static create(properties: swarm.v1.SecretSpec.$Shape): swarm.v1.SecretSpec & swarm.v1.SecretSpec.$Shape;
            static create(properties?: swarm.v1.SecretSpec.$Properties): swarm.v1.SecretSpec;

            /**
             * Encodes the specified SecretSpec message. Does not implicitly {@link swarm.v1.SecretSpec.verify|verify} messages.
             * @param message SecretSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SecretSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SecretSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SecretSpec & swarm.v1.SecretSpec.$Shape} SecretSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SecretSpec & swarm.v1.SecretSpec.$Shape;

            /**
             * Creates a SecretSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SecretSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SecretSpec;

            /**
             * Creates a plain object from a SecretSpec message. Also converts values to other types if specified.
             * @param message SecretSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SecretSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SecretSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SecretSpec {

            /** Properties of a SecretSpec. */
            interface $Properties {

                /** Name (unique) and labels. */
                annotations?: swarm.v1.Annotations.$Properties;

                /** The secret's bytes; accepted on create, never returned by the API. */
                data?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SecretSpec. */
            type $Shape = swarm.v1.SecretSpec.$Properties;
        }

        /**
         * Properties of a ConfigSpec.
         * @deprecated Use swarm.v1.ConfigSpec.$Properties instead.
         */
        interface IConfigSpec extends swarm.v1.ConfigSpec.$Properties {
        }

        /** ConfigSpec is a config as created by the operator. */
        class ConfigSpec {

            /**
             * Constructs a new ConfigSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ConfigSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name (unique) and labels. */
            annotations: swarm.v1.Annotations;

            /** The config's bytes, returned by the API. */
            data: Uint8Array;

            /**
             * Creates a new ConfigSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConfigSpec instance
             */
            static create(properties: swarm.v1.ConfigSpec.$Shape): swarm.v1.ConfigSpec & swarm.v1.ConfigSpec.$Shape;
            static create(properties?: swarm.v1.ConfigSpec.$Properties): swarm.v1.ConfigSpec;

            /**
             * Encodes the specified ConfigSpec message. Does not implicitly {@link swarm.v1.ConfigSpec.verify|verify} messages.
             * @param message ConfigSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ConfigSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConfigSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ConfigSpec & swarm.v1.ConfigSpec.$Shape} ConfigSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ConfigSpec & swarm.v1.ConfigSpec.$Shape;

            /**
             * Creates a ConfigSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ConfigSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ConfigSpec;

            /**
             * Creates a plain object from a ConfigSpec message. Also converts values to other types if specified.
             * @param message ConfigSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ConfigSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ConfigSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ConfigSpec {

            /** Properties of a ConfigSpec. */
            interface $Properties {

                /** Name (unique) and labels. */
                annotations?: swarm.v1.Annotations.$Properties;

                /** The config's bytes, returned by the API. */
                data?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConfigSpec. */
            type $Shape = swarm.v1.ConfigSpec.$Properties;
        }

        /**
         * Properties of a Version.
         * @deprecated Use swarm.v1.Version.$Properties instead.
         */
        interface IVersion extends swarm.v1.Version.$Properties {
        }

        /** Version is the raft index at which an object was last written; updates must quote it. */
        class Version {

            /**
             * Constructs a new Version.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Version.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Raft log index of the last write to the object. */
            index: number;

            /**
             * Creates a new Version instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Version instance
             */
            static create(properties: swarm.v1.Version.$Shape): swarm.v1.Version & swarm.v1.Version.$Shape;
            static create(properties?: swarm.v1.Version.$Properties): swarm.v1.Version;

            /**
             * Encodes the specified Version message. Does not implicitly {@link swarm.v1.Version.verify|verify} messages.
             * @param message Version message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Version.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Version message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Version & swarm.v1.Version.$Shape} Version
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Version & swarm.v1.Version.$Shape;

            /**
             * Creates a Version message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Version
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Version;

            /**
             * Creates a plain object from a Version message. Also converts values to other types if specified.
             * @param message Version
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Version, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Version to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Version {

            /** Properties of a Version. */
            interface $Properties {

                /** Raft log index of the last write to the object. */
                index?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Version. */
            type $Shape = swarm.v1.Version.$Properties;
        }

        /**
         * Properties of a Meta.
         * @deprecated Use swarm.v1.Meta.$Properties instead.
         */
        interface IMeta extends swarm.v1.Meta.$Properties {
        }

        /** Meta is the bookkeeping every stored object carries. */
        class Meta {

            /**
             * Constructs a new Meta.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Meta.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Version used for optimistic concurrency on update. */
            version: swarm.v1.Version;

            /** When the object was created (leader's clock at proposal). */
            createdAt: google.protobuf.Timestamp;

            /** When the object was last updated. */
            updatedAt: google.protobuf.Timestamp;

            /**
             * Creates a new Meta instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Meta instance
             */
            static create(properties: swarm.v1.Meta.$Shape): swarm.v1.Meta & swarm.v1.Meta.$Shape;
            static create(properties?: swarm.v1.Meta.$Properties): swarm.v1.Meta;

            /**
             * Encodes the specified Meta message. Does not implicitly {@link swarm.v1.Meta.verify|verify} messages.
             * @param message Meta message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Meta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Meta message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Meta & swarm.v1.Meta.$Shape} Meta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Meta & swarm.v1.Meta.$Shape;

            /**
             * Creates a Meta message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Meta
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Meta;

            /**
             * Creates a plain object from a Meta message. Also converts values to other types if specified.
             * @param message Meta
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Meta, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Meta to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Meta {

            /** Properties of a Meta. */
            interface $Properties {

                /** Version used for optimistic concurrency on update. */
                version?: swarm.v1.Version.$Properties;

                /** When the object was created (leader's clock at proposal). */
                createdAt?: google.protobuf.Timestamp.$Properties;

                /** When the object was last updated. */
                updatedAt?: google.protobuf.Timestamp.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Meta. */
            type $Shape = swarm.v1.Meta.$Properties;
        }

        /**
         * Properties of an Annotations.
         * @deprecated Use swarm.v1.Annotations.$Properties instead.
         */
        interface IAnnotations extends swarm.v1.Annotations.$Properties {
        }

        /** Annotations name an object and attach labels to it. */
        class Annotations {

            /**
             * Constructs a new Annotations.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Annotations.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Human-readable name, unique per object kind where the kind requires it. */
            name: string;

            /** Free-form key/value labels, used by filters and placement constraints. */
            labels: { [k: string]: string };

            /**
             * Creates a new Annotations instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Annotations instance
             */
            static create(properties: swarm.v1.Annotations.$Shape): swarm.v1.Annotations & swarm.v1.Annotations.$Shape;
            static create(properties?: swarm.v1.Annotations.$Properties): swarm.v1.Annotations;

            /**
             * Encodes the specified Annotations message. Does not implicitly {@link swarm.v1.Annotations.verify|verify} messages.
             * @param message Annotations message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Annotations.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Annotations message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Annotations & swarm.v1.Annotations.$Shape} Annotations
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Annotations & swarm.v1.Annotations.$Shape;

            /**
             * Creates an Annotations message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Annotations
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Annotations;

            /**
             * Creates a plain object from an Annotations message. Also converts values to other types if specified.
             * @param message Annotations
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Annotations, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Annotations to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Annotations {

            /** Properties of an Annotations. */
            interface $Properties {

                /** Human-readable name, unique per object kind where the kind requires it. */
                name?: string;

                /** Free-form key/value labels, used by filters and placement constraints. */
                labels?: { [k: string]: string };

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Annotations. */
            type $Shape = swarm.v1.Annotations.$Properties;
        }

        /**
         * Properties of a Platform.
         * @deprecated Use swarm.v1.Platform.$Properties instead.
         */
        interface IPlatform extends swarm.v1.Platform.$Properties {
        }

        /** Platform is an operating system and CPU architecture pair. */
        class Platform {

            /**
             * Constructs a new Platform.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Platform.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CPU architecture, e.g. "x86_64" or "aarch64". */
            architecture: string;

            /** Operating system, e.g. "linux". */
            os: string;

            /**
             * Creates a new Platform instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Platform instance
             */
            static create(properties: swarm.v1.Platform.$Shape): swarm.v1.Platform & swarm.v1.Platform.$Shape;
            static create(properties?: swarm.v1.Platform.$Properties): swarm.v1.Platform;

            /**
             * Encodes the specified Platform message. Does not implicitly {@link swarm.v1.Platform.verify|verify} messages.
             * @param message Platform message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Platform.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Platform message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Platform & swarm.v1.Platform.$Shape} Platform
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Platform & swarm.v1.Platform.$Shape;

            /**
             * Creates a Platform message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Platform
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Platform;

            /**
             * Creates a plain object from a Platform message. Also converts values to other types if specified.
             * @param message Platform
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Platform, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Platform to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Platform {

            /** Properties of a Platform. */
            interface $Properties {

                /** CPU architecture, e.g. "x86_64" or "aarch64". */
                architecture?: string;

                /** Operating system, e.g. "linux". */
                os?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Platform. */
            type $Shape = swarm.v1.Platform.$Properties;
        }

        /**
         * Properties of a Resources.
         * @deprecated Use swarm.v1.Resources.$Properties instead.
         */
        interface IResources extends swarm.v1.Resources.$Properties {
        }

        /** Resources are an amount of CPU and memory. */
        class Resources {

            /**
             * Constructs a new Resources.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Resources.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CPU in units of 1e-9 CPUs. */
            nanoCpus: number;

            /** Memory in bytes. */
            memoryBytes: number;

            /** Generic resources such as GPUs, advertised by nodes and reserved by tasks. */
            generic: swarm.v1.GenericResource[];

            /**
             * Creates a new Resources instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Resources instance
             */
            static create(properties: swarm.v1.Resources.$Shape): swarm.v1.Resources & swarm.v1.Resources.$Shape;
            static create(properties?: swarm.v1.Resources.$Properties): swarm.v1.Resources;

            /**
             * Encodes the specified Resources message. Does not implicitly {@link swarm.v1.Resources.verify|verify} messages.
             * @param message Resources message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Resources.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Resources message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Resources & swarm.v1.Resources.$Shape} Resources
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Resources & swarm.v1.Resources.$Shape;

            /**
             * Creates a Resources message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Resources
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Resources;

            /**
             * Creates a plain object from a Resources message. Also converts values to other types if specified.
             * @param message Resources
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Resources, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Resources to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Resources {

            /** Properties of a Resources. */
            interface $Properties {

                /** CPU in units of 1e-9 CPUs. */
                nanoCpus?: number;

                /** Memory in bytes. */
                memoryBytes?: number;

                /** Generic resources such as GPUs, advertised by nodes and reserved by tasks. */
                generic?: swarm.v1.GenericResource.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Resources. */
            type $Shape = swarm.v1.Resources.$Properties;
        }

        /**
         * Properties of a GenericResource.
         * @deprecated Use swarm.v1.GenericResource.$Properties instead.
         */
        interface IGenericResource extends swarm.v1.GenericResource.$Properties {
        }

        /** GenericResource is a named, countable or discrete resource (for example "gpu"). */
        class GenericResource {

            /**
             * Constructs a new GenericResource.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GenericResource.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Kind of resource, e.g. "gpu". */
            kind: string;

            /** Countable amount; used when value is empty. */
            count: number;

            /** Discrete identifier of one unit (e.g. a GPU UUID); empty for countable resources. */
            value: string;

            /**
             * Creates a new GenericResource instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GenericResource instance
             */
            static create(properties: swarm.v1.GenericResource.$Shape): swarm.v1.GenericResource & swarm.v1.GenericResource.$Shape;
            static create(properties?: swarm.v1.GenericResource.$Properties): swarm.v1.GenericResource;

            /**
             * Encodes the specified GenericResource message. Does not implicitly {@link swarm.v1.GenericResource.verify|verify} messages.
             * @param message GenericResource message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GenericResource.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GenericResource message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GenericResource & swarm.v1.GenericResource.$Shape} GenericResource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GenericResource & swarm.v1.GenericResource.$Shape;

            /**
             * Creates a GenericResource message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GenericResource
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GenericResource;

            /**
             * Creates a plain object from a GenericResource message. Also converts values to other types if specified.
             * @param message GenericResource
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GenericResource, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GenericResource to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GenericResource {

            /** Properties of a GenericResource. */
            interface $Properties {

                /** Kind of resource, e.g. "gpu". */
                kind?: string;

                /** Countable amount; used when value is empty. */
                count?: number;

                /** Discrete identifier of one unit (e.g. a GPU UUID); empty for countable resources. */
                value?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GenericResource. */
            type $Shape = swarm.v1.GenericResource.$Properties;
        }

        /**
         * Properties of a ResourceRequirements.
         * @deprecated Use swarm.v1.ResourceRequirements.$Properties instead.
         */
        interface IResourceRequirements extends swarm.v1.ResourceRequirements.$Properties {
        }

        /** ResourceRequirements bound what a task may use and what the scheduler must reserve. */
        class ResourceRequirements {

            /**
             * Constructs a new ResourceRequirements.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ResourceRequirements.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hard upper bound enforced by the engine. */
            limits: swarm.v1.Resources;

            /** Amount the scheduler sets aside on the chosen node. */
            reservations: swarm.v1.Resources;

            /**
             * Creates a new ResourceRequirements instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ResourceRequirements instance
             */
            static create(properties: swarm.v1.ResourceRequirements.$Shape): swarm.v1.ResourceRequirements & swarm.v1.ResourceRequirements.$Shape;
            static create(properties?: swarm.v1.ResourceRequirements.$Properties): swarm.v1.ResourceRequirements;

            /**
             * Encodes the specified ResourceRequirements message. Does not implicitly {@link swarm.v1.ResourceRequirements.verify|verify} messages.
             * @param message ResourceRequirements message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ResourceRequirements.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ResourceRequirements message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ResourceRequirements & swarm.v1.ResourceRequirements.$Shape} ResourceRequirements
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ResourceRequirements & swarm.v1.ResourceRequirements.$Shape;

            /**
             * Creates a ResourceRequirements message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ResourceRequirements
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ResourceRequirements;

            /**
             * Creates a plain object from a ResourceRequirements message. Also converts values to other types if specified.
             * @param message ResourceRequirements
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ResourceRequirements, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ResourceRequirements to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ResourceRequirements {

            /** Properties of a ResourceRequirements. */
            interface $Properties {

                /** Hard upper bound enforced by the engine. */
                limits?: swarm.v1.Resources.$Properties;

                /** Amount the scheduler sets aside on the chosen node. */
                reservations?: swarm.v1.Resources.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ResourceRequirements. */
            type $Shape = swarm.v1.ResourceRequirements.$Properties;
        }

        /**
         * Properties of a RestartPolicy.
         * @deprecated Use swarm.v1.RestartPolicy.$Properties instead.
         */
        interface IRestartPolicy extends swarm.v1.RestartPolicy.$Properties {
        }

        /** RestartPolicy says when the orchestrator replaces a task that stopped. */
        class RestartPolicy {

            /**
             * Constructs a new RestartPolicy.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RestartPolicy.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Which exits trigger a restart. */
            condition: swarm.v1.RestartPolicy.Condition;

            /** Wait between a task stopping and its replacement starting, in nanoseconds. */
            delayNs: number;

            /** Restarts allowed within window_ns before giving up; 0 means unlimited. */
            maxAttempts: number;

            /** Window over which max_attempts is counted, in nanoseconds; 0 means unbounded. */
            windowNs: number;

            /**
             * Creates a new RestartPolicy instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RestartPolicy instance
             */
            static create(properties: swarm.v1.RestartPolicy.$Shape): swarm.v1.RestartPolicy & swarm.v1.RestartPolicy.$Shape;
            static create(properties?: swarm.v1.RestartPolicy.$Properties): swarm.v1.RestartPolicy;

            /**
             * Encodes the specified RestartPolicy message. Does not implicitly {@link swarm.v1.RestartPolicy.verify|verify} messages.
             * @param message RestartPolicy message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RestartPolicy.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RestartPolicy message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RestartPolicy & swarm.v1.RestartPolicy.$Shape} RestartPolicy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RestartPolicy & swarm.v1.RestartPolicy.$Shape;

            /**
             * Creates a RestartPolicy message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RestartPolicy
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RestartPolicy;

            /**
             * Creates a plain object from a RestartPolicy message. Also converts values to other types if specified.
             * @param message RestartPolicy
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RestartPolicy, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RestartPolicy to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RestartPolicy {

            /** Properties of a RestartPolicy. */
            interface $Properties {

                /** Which exits trigger a restart. */
                condition?: swarm.v1.RestartPolicy.Condition;

                /** Wait between a task stopping and its replacement starting, in nanoseconds. */
                delayNs?: number;

                /** Restarts allowed within window_ns before giving up; 0 means unlimited. */
                maxAttempts?: number;

                /** Window over which max_attempts is counted, in nanoseconds; 0 means unbounded. */
                windowNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RestartPolicy. */
            type $Shape = swarm.v1.RestartPolicy.$Properties;

            /** Which exits trigger a restart. */
            enum Condition {

                /** Restart whatever the exit. */
                RESTART_CONDITION_ANY = 0,

                /** Restart only after a non-zero exit or a failure. */
                RESTART_CONDITION_ON_FAILURE = 1,

                /** Never restart. */
                RESTART_CONDITION_NONE = 2
            }
        }

        /**
         * Properties of a Placement.
         * @deprecated Use swarm.v1.Placement.$Properties instead.
         */
        interface IPlacement extends swarm.v1.Placement.$Properties {
        }

        /** Placement restricts and spreads where tasks are scheduled. */
        class Placement {

            /**
             * Constructs a new Placement.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Placement.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Constraints such as "node.role==manager" or "node.labels.zone!=a"; all must match. */
            constraints: string[];

            /** Spread preferences applied in order, e.g. spread over node.labels.zone. */
            preferences: swarm.v1.PlacementPreference[];

            /** Platforms the task's image can run on; empty means any. */
            platforms: swarm.v1.Platform[];

            /** Most tasks of this service on one node; 0 means unlimited. */
            maxReplicas: number;

            /**
             * Creates a new Placement instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Placement instance
             */
            static create(properties: swarm.v1.Placement.$Shape): swarm.v1.Placement & swarm.v1.Placement.$Shape;
            static create(properties?: swarm.v1.Placement.$Properties): swarm.v1.Placement;

            /**
             * Encodes the specified Placement message. Does not implicitly {@link swarm.v1.Placement.verify|verify} messages.
             * @param message Placement message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Placement.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Placement message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Placement & swarm.v1.Placement.$Shape} Placement
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Placement & swarm.v1.Placement.$Shape;

            /**
             * Creates a Placement message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Placement
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Placement;

            /**
             * Creates a plain object from a Placement message. Also converts values to other types if specified.
             * @param message Placement
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Placement, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Placement to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Placement {

            /** Properties of a Placement. */
            interface $Properties {

                /** Constraints such as "node.role==manager" or "node.labels.zone!=a"; all must match. */
                constraints?: string[];

                /** Spread preferences applied in order, e.g. spread over node.labels.zone. */
                preferences?: swarm.v1.PlacementPreference.$Properties[];

                /** Platforms the task's image can run on; empty means any. */
                platforms?: swarm.v1.Platform.$Properties[];

                /** Most tasks of this service on one node; 0 means unlimited. */
                maxReplicas?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Placement. */
            type $Shape = swarm.v1.Placement.$Properties;
        }

        /**
         * Properties of a PlacementPreference.
         * @deprecated Use swarm.v1.PlacementPreference.$Properties instead.
         */
        interface IPlacementPreference extends swarm.v1.PlacementPreference.$Properties {
        }

        /** PlacementPreference spreads tasks evenly over the values of a node attribute. */
        class PlacementPreference {

            /**
             * Constructs a new PlacementPreference.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PlacementPreference.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node attribute to spread over, e.g. "node.labels.zone". */
            spreadDescriptor: string;

            /**
             * Creates a new PlacementPreference instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PlacementPreference instance
             */
            static create(properties: swarm.v1.PlacementPreference.$Shape): swarm.v1.PlacementPreference & swarm.v1.PlacementPreference.$Shape;
            static create(properties?: swarm.v1.PlacementPreference.$Properties): swarm.v1.PlacementPreference;

            /**
             * Encodes the specified PlacementPreference message. Does not implicitly {@link swarm.v1.PlacementPreference.verify|verify} messages.
             * @param message PlacementPreference message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PlacementPreference.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PlacementPreference message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PlacementPreference & swarm.v1.PlacementPreference.$Shape} PlacementPreference
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PlacementPreference & swarm.v1.PlacementPreference.$Shape;

            /**
             * Creates a PlacementPreference message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PlacementPreference
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PlacementPreference;

            /**
             * Creates a plain object from a PlacementPreference message. Also converts values to other types if specified.
             * @param message PlacementPreference
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PlacementPreference, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PlacementPreference to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PlacementPreference {

            /** Properties of a PlacementPreference. */
            interface $Properties {

                /** Node attribute to spread over, e.g. "node.labels.zone". */
                spreadDescriptor?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PlacementPreference. */
            type $Shape = swarm.v1.PlacementPreference.$Properties;
        }

        /**
         * Properties of an UpdateConfig.
         * @deprecated Use swarm.v1.UpdateConfig.$Properties instead.
         */
        interface IUpdateConfig extends swarm.v1.UpdateConfig.$Properties {
        }

        /** UpdateConfig controls rolling updates (and, as rollback config, rollbacks). */
        class UpdateConfig {

            /**
             * Constructs a new UpdateConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Tasks updated at once; 0 means all at once. */
            parallelism: number;

            /** Wait between updating batches, in nanoseconds. */
            delayNs: number;

            /** What to do when a task fails to update. */
            failureAction: swarm.v1.UpdateConfig.FailureAction;

            /** How long to watch each updated task for failure, in nanoseconds. */
            monitorNs: number;

            /** Fraction of tasks (0..1) that may fail before failure_action applies. */
            maxFailureRatio: number;

            /** Stop-first or start-first replacement. */
            order: swarm.v1.UpdateConfig.Order;

            /**
             * Creates a new UpdateConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateConfig instance
             */
            static create(properties: swarm.v1.UpdateConfig.$Shape): swarm.v1.UpdateConfig & swarm.v1.UpdateConfig.$Shape;
            static create(properties?: swarm.v1.UpdateConfig.$Properties): swarm.v1.UpdateConfig;

            /**
             * Encodes the specified UpdateConfig message. Does not implicitly {@link swarm.v1.UpdateConfig.verify|verify} messages.
             * @param message UpdateConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateConfig & swarm.v1.UpdateConfig.$Shape} UpdateConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateConfig & swarm.v1.UpdateConfig.$Shape;

            /**
             * Creates an UpdateConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateConfig;

            /**
             * Creates a plain object from an UpdateConfig message. Also converts values to other types if specified.
             * @param message UpdateConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateConfig {

            /** Properties of an UpdateConfig. */
            interface $Properties {

                /** Tasks updated at once; 0 means all at once. */
                parallelism?: number;

                /** Wait between updating batches, in nanoseconds. */
                delayNs?: number;

                /** What to do when a task fails to update. */
                failureAction?: swarm.v1.UpdateConfig.FailureAction;

                /** How long to watch each updated task for failure, in nanoseconds. */
                monitorNs?: number;

                /** Fraction of tasks (0..1) that may fail before failure_action applies. */
                maxFailureRatio?: number;

                /** Stop-first or start-first replacement. */
                order?: swarm.v1.UpdateConfig.Order;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateConfig. */
            type $Shape = swarm.v1.UpdateConfig.$Properties;

            /** What to do when an update fails. */
            enum FailureAction {

                /** Stop updating and keep the service as it is. */
                FAILURE_ACTION_PAUSE = 0,

                /** Keep going despite the failure. */
                FAILURE_ACTION_CONTINUE = 1,

                /** Roll back to the previous spec. */
                FAILURE_ACTION_ROLLBACK = 2
            }

            /** Whether the old task stops before or after its replacement starts. */
            enum Order {

                /** Stop the old task, then start the new one. */
                ORDER_STOP_FIRST = 0,

                /** Start the new task, then stop the old one. */
                ORDER_START_FIRST = 1
            }
        }

        /**
         * Properties of an UpdateStatus.
         * @deprecated Use swarm.v1.UpdateStatus.$Properties instead.
         */
        interface IUpdateStatus extends swarm.v1.UpdateStatus.$Properties {
        }

        /** UpdateStatus reports the progress of a service's rolling update or rollback. */
        class UpdateStatus {

            /**
             * Constructs a new UpdateStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Phase of the update. */
            state: swarm.v1.UpdateStatus.State;

            /** When the update began. */
            startedAt: google.protobuf.Timestamp;

            /** When the update finished, if it has. */
            completedAt: google.protobuf.Timestamp;

            /** Why the update is in this state, in words. */
            message: string;

            /**
             * Creates a new UpdateStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateStatus instance
             */
            static create(properties: swarm.v1.UpdateStatus.$Shape): swarm.v1.UpdateStatus & swarm.v1.UpdateStatus.$Shape;
            static create(properties?: swarm.v1.UpdateStatus.$Properties): swarm.v1.UpdateStatus;

            /**
             * Encodes the specified UpdateStatus message. Does not implicitly {@link swarm.v1.UpdateStatus.verify|verify} messages.
             * @param message UpdateStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateStatus & swarm.v1.UpdateStatus.$Shape} UpdateStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateStatus & swarm.v1.UpdateStatus.$Shape;

            /**
             * Creates an UpdateStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateStatus;

            /**
             * Creates a plain object from an UpdateStatus message. Also converts values to other types if specified.
             * @param message UpdateStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateStatus {

            /** Properties of an UpdateStatus. */
            interface $Properties {

                /** Phase of the update. */
                state?: swarm.v1.UpdateStatus.State;

                /** When the update began. */
                startedAt?: google.protobuf.Timestamp.$Properties;

                /** When the update finished, if it has. */
                completedAt?: google.protobuf.Timestamp.$Properties;

                /** Why the update is in this state, in words. */
                message?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateStatus. */
            type $Shape = swarm.v1.UpdateStatus.$Properties;

            /** Phase of the update. */
            enum State {

                /** No update has run. */
                UPDATE_STATE_UNKNOWN = 0,

                /** An update is replacing tasks. */
                UPDATE_STATE_UPDATING = 1,

                /** The update stopped after failures and awaits the operator. */
                UPDATE_STATE_PAUSED = 2,

                /** Every task runs the new spec. */
                UPDATE_STATE_COMPLETED = 3,

                /** A rollback is replacing tasks. */
                UPDATE_STATE_ROLLBACK_STARTED = 4,

                /** The rollback stopped after failures. */
                UPDATE_STATE_ROLLBACK_PAUSED = 5,

                /** Every task runs the previous spec again. */
                UPDATE_STATE_ROLLBACK_COMPLETED = 6
            }
        }

        /**
         * Properties of a PortConfig.
         * @deprecated Use swarm.v1.PortConfig.$Properties instead.
         */
        interface IPortConfig extends swarm.v1.PortConfig.$Properties {
        }

        /** PortConfig publishes one container port. */
        class PortConfig {

            /**
             * Constructs a new PortConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PortConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Optional name of the port. */
            name: string;

            /** Transport protocol. */
            protocol: swarm.v1.PortConfig.Protocol;

            /** Port inside the container. */
            targetPort: number;

            /** Port on the nodes; 0 asks the allocator to pick one from the dynamic range. */
            publishedPort: number;

            /** Ingress (routing mesh) or host publishing. */
            publishMode: swarm.v1.PortConfig.PublishMode;

            /** PROXY protocol toward the task. */
            proxyProtocol: swarm.v1.PortConfig.ProxyProtocol;

            /**
             * Creates a new PortConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PortConfig instance
             */
            static create(properties: swarm.v1.PortConfig.$Shape): swarm.v1.PortConfig & swarm.v1.PortConfig.$Shape;
            static create(properties?: swarm.v1.PortConfig.$Properties): swarm.v1.PortConfig;

            /**
             * Encodes the specified PortConfig message. Does not implicitly {@link swarm.v1.PortConfig.verify|verify} messages.
             * @param message PortConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PortConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PortConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PortConfig & swarm.v1.PortConfig.$Shape} PortConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PortConfig & swarm.v1.PortConfig.$Shape;

            /**
             * Creates a PortConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PortConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PortConfig;

            /**
             * Creates a plain object from a PortConfig message. Also converts values to other types if specified.
             * @param message PortConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PortConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PortConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PortConfig {

            /** Properties of a PortConfig. */
            interface $Properties {

                /** Optional name of the port. */
                name?: string;

                /** Transport protocol. */
                protocol?: swarm.v1.PortConfig.Protocol;

                /** Port inside the container. */
                targetPort?: number;

                /** Port on the nodes; 0 asks the allocator to pick one from the dynamic range. */
                publishedPort?: number;

                /** Ingress (routing mesh) or host publishing. */
                publishMode?: swarm.v1.PortConfig.PublishMode;

                /** PROXY protocol toward the task. */
                proxyProtocol?: swarm.v1.PortConfig.ProxyProtocol;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PortConfig. */
            type $Shape = swarm.v1.PortConfig.$Properties;

            /** Transport protocol of the port. */
            enum Protocol {

                /** TCP. */
                PROTOCOL_TCP = 0,

                /** UDP. */
                PROTOCOL_UDP = 1
            }

            /** How the published port is exposed. */
            enum PublishMode {

                /** Every node answers on the published port and forwards through the routing mesh. */
                PUBLISH_MODE_INGRESS = 0,

                /** Only the node running the task answers, straight to that task. */
                PUBLISH_MODE_HOST = 1
            }

            /**
             * A PROXY protocol header the routing mesh sends to the task before the client's bytes, so the
             * task sees the client's real address (TCP, ingress mode only).
             */
            enum ProxyProtocol {

                /** No header: the task sees the mesh as the client. */
                PROXY_PROTOCOL_NONE = 0,

                /** The text header of version 1 ("PROXY TCP4 ..."). */
                PROXY_PROTOCOL_V1 = 1,

                /** The binary header of version 2. */
                PROXY_PROTOCOL_V2 = 2
            }
        }

        /**
         * Properties of an EndpointSpec.
         * @deprecated Use swarm.v1.EndpointSpec.$Properties instead.
         */
        interface IEndpointSpec extends swarm.v1.EndpointSpec.$Properties {
        }

        /** EndpointSpec is how a service wants to be reached. */
        class EndpointSpec {

            /**
             * Constructs a new EndpointSpec.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.EndpointSpec.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** VIP or DNS round robin. */
            mode: swarm.v1.EndpointSpec.ResolutionMode;

            /** Ports to publish. */
            ports: swarm.v1.PortConfig[];

            /** Round robin unless asked otherwise. */
            balancing: swarm.v1.EndpointSpec.Balancing;

            /**
             * Creates a new EndpointSpec instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EndpointSpec instance
             */
            static create(properties: swarm.v1.EndpointSpec.$Shape): swarm.v1.EndpointSpec & swarm.v1.EndpointSpec.$Shape;
            static create(properties?: swarm.v1.EndpointSpec.$Properties): swarm.v1.EndpointSpec;

            /**
             * Encodes the specified EndpointSpec message. Does not implicitly {@link swarm.v1.EndpointSpec.verify|verify} messages.
             * @param message EndpointSpec message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.EndpointSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EndpointSpec message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.EndpointSpec & swarm.v1.EndpointSpec.$Shape} EndpointSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.EndpointSpec & swarm.v1.EndpointSpec.$Shape;

            /**
             * Creates an EndpointSpec message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EndpointSpec
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.EndpointSpec;

            /**
             * Creates a plain object from an EndpointSpec message. Also converts values to other types if specified.
             * @param message EndpointSpec
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.EndpointSpec, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EndpointSpec to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EndpointSpec {

            /** Properties of an EndpointSpec. */
            interface $Properties {

                /** VIP or DNS round robin. */
                mode?: swarm.v1.EndpointSpec.ResolutionMode;

                /** Ports to publish. */
                ports?: swarm.v1.PortConfig.$Properties[];

                /** Round robin unless asked otherwise. */
                balancing?: swarm.v1.EndpointSpec.Balancing;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EndpointSpec. */
            type $Shape = swarm.v1.EndpointSpec.$Properties;

            /** How clients reach the service's tasks. */
            enum ResolutionMode {

                /** One virtual IP balanced over the tasks. */
                RESOLUTION_MODE_VIP = 0,

                /** DNS round robin over the task addresses. */
                RESOLUTION_MODE_DNSRR = 1
            }

            /** How the routing mesh spreads new connections over the service's tasks. */
            enum Balancing {

                /** Each new connection to the next task in turn. */
                BALANCING_ROUND_ROBIN = 0,

                /** Each new connection to the task with the fewest open ones through this node. */
                BALANCING_LEAST_CONNECTIONS = 1
            }
        }

        /**
         * Properties of an Endpoint.
         * @deprecated Use swarm.v1.Endpoint.$Properties instead.
         */
        interface IEndpoint extends swarm.v1.Endpoint.$Properties {
        }

        /** Endpoint is the allocated form of an EndpointSpec. */
        class Endpoint {

            /**
             * Constructs a new Endpoint.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Endpoint.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The spec this endpoint was allocated from. */
            spec: swarm.v1.EndpointSpec;

            /** Ports with their published numbers filled in. */
            ports: swarm.v1.PortConfig[];

            /** Virtual IPs of the service, one per attached network. */
            virtualIps: swarm.v1.VirtualIp[];

            /**
             * Creates a new Endpoint instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Endpoint instance
             */
            static create(properties: swarm.v1.Endpoint.$Shape): swarm.v1.Endpoint & swarm.v1.Endpoint.$Shape;
            static create(properties?: swarm.v1.Endpoint.$Properties): swarm.v1.Endpoint;

            /**
             * Encodes the specified Endpoint message. Does not implicitly {@link swarm.v1.Endpoint.verify|verify} messages.
             * @param message Endpoint message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Endpoint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Endpoint message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Endpoint & swarm.v1.Endpoint.$Shape} Endpoint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Endpoint & swarm.v1.Endpoint.$Shape;

            /**
             * Creates an Endpoint message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Endpoint
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Endpoint;

            /**
             * Creates a plain object from an Endpoint message. Also converts values to other types if specified.
             * @param message Endpoint
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Endpoint, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Endpoint to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Endpoint {

            /** Properties of an Endpoint. */
            interface $Properties {

                /** The spec this endpoint was allocated from. */
                spec?: swarm.v1.EndpointSpec.$Properties;

                /** Ports with their published numbers filled in. */
                ports?: swarm.v1.PortConfig.$Properties[];

                /** Virtual IPs of the service, one per attached network. */
                virtualIps?: swarm.v1.VirtualIp.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Endpoint. */
            type $Shape = swarm.v1.Endpoint.$Properties;
        }

        /**
         * Properties of a VirtualIp.
         * @deprecated Use swarm.v1.VirtualIp.$Properties instead.
         */
        interface IVirtualIp extends swarm.v1.VirtualIp.$Properties {
        }

        /** VirtualIp is a service address on one network. */
        class VirtualIp {

            /**
             * Constructs a new VirtualIp.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.VirtualIp.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network the address belongs to. */
            networkId: string;

            /** Address in CIDR form, e.g. "10.0.0.5/24". */
            addr: string;

            /**
             * Creates a new VirtualIp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns VirtualIp instance
             */
            static create(properties: swarm.v1.VirtualIp.$Shape): swarm.v1.VirtualIp & swarm.v1.VirtualIp.$Shape;
            static create(properties?: swarm.v1.VirtualIp.$Properties): swarm.v1.VirtualIp;

            /**
             * Encodes the specified VirtualIp message. Does not implicitly {@link swarm.v1.VirtualIp.verify|verify} messages.
             * @param message VirtualIp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.VirtualIp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a VirtualIp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.VirtualIp & swarm.v1.VirtualIp.$Shape} VirtualIp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.VirtualIp & swarm.v1.VirtualIp.$Shape;

            /**
             * Creates a VirtualIp message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns VirtualIp
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.VirtualIp;

            /**
             * Creates a plain object from a VirtualIp message. Also converts values to other types if specified.
             * @param message VirtualIp
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.VirtualIp, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this VirtualIp to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace VirtualIp {

            /** Properties of a VirtualIp. */
            interface $Properties {

                /** Network the address belongs to. */
                networkId?: string;

                /** Address in CIDR form, e.g. "10.0.0.5/24". */
                addr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a VirtualIp. */
            type $Shape = swarm.v1.VirtualIp.$Properties;
        }

        /**
         * Properties of a Mount.
         * @deprecated Use swarm.v1.Mount.$Properties instead.
         */
        interface IMount extends swarm.v1.Mount.$Properties {
        }

        /** Mount attaches storage to a container. */
        class Mount {

            /**
             * Constructs a new Mount.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Mount.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Bind, volume or tmpfs. */
            type: swarm.v1.Mount.Type;

            /** Host path (bind) or volume name (volume); empty for tmpfs. */
            source: string;

            /** Path inside the container. */
            target: string;

            /** Mount read-only. */
            readOnly: boolean;

            /** Size of a tmpfs in bytes; 0 means the engine's default. */
            tmpfsSizeBytes: number;

            /** Permission bits of a tmpfs root, e.g. 0o1777. */
            tmpfsMode: number;

            /** Bind propagation such as "rprivate"; empty means the engine's default. */
            bindPropagation: string;

            /** Do not copy image data into a new volume. */
            volumeNoCopy: boolean;

            /** Labels for a volume created by this mount. */
            volumeLabels: { [k: string]: string };

            /** Volume driver that creates the volume on a node that lacks it; empty means the engine's "local". */
            volumeDriver: string;

            /** Options of the volume driver, e.g. type=nfs, o=addr=…, device=:/export for "local". */
            volumeDriverOptions: { [k: string]: string };

            /**
             * Creates a new Mount instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Mount instance
             */
            static create(properties: swarm.v1.Mount.$Shape): swarm.v1.Mount & swarm.v1.Mount.$Shape;
            static create(properties?: swarm.v1.Mount.$Properties): swarm.v1.Mount;

            /**
             * Encodes the specified Mount message. Does not implicitly {@link swarm.v1.Mount.verify|verify} messages.
             * @param message Mount message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Mount.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Mount message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Mount & swarm.v1.Mount.$Shape} Mount
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Mount & swarm.v1.Mount.$Shape;

            /**
             * Creates a Mount message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Mount
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Mount;

            /**
             * Creates a plain object from a Mount message. Also converts values to other types if specified.
             * @param message Mount
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Mount, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Mount to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Mount {

            /** Properties of a Mount. */
            interface $Properties {

                /** Bind, volume or tmpfs. */
                type?: swarm.v1.Mount.Type;

                /** Host path (bind) or volume name (volume); empty for tmpfs. */
                source?: string;

                /** Path inside the container. */
                target?: string;

                /** Mount read-only. */
                readOnly?: boolean;

                /** Size of a tmpfs in bytes; 0 means the engine's default. */
                tmpfsSizeBytes?: number;

                /** Permission bits of a tmpfs root, e.g. 0o1777. */
                tmpfsMode?: number;

                /** Bind propagation such as "rprivate"; empty means the engine's default. */
                bindPropagation?: string;

                /** Do not copy image data into a new volume. */
                volumeNoCopy?: boolean;

                /** Labels for a volume created by this mount. */
                volumeLabels?: { [k: string]: string };

                /** Volume driver that creates the volume on a node that lacks it; empty means the engine's "local". */
                volumeDriver?: string;

                /** Options of the volume driver, e.g. type=nfs, o=addr=…, device=:/export for "local". */
                volumeDriverOptions?: { [k: string]: string };

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Mount. */
            type $Shape = swarm.v1.Mount.$Properties;

            /** Kind of storage. */
            enum Type {

                /** A path on the node. */
                TYPE_BIND = 0,

                /** A named volume managed by the engine. */
                TYPE_VOLUME = 1,

                /** A memory-backed filesystem. */
                TYPE_TMPFS = 2
            }
        }

        /**
         * Properties of a FileTarget.
         * @deprecated Use swarm.v1.FileTarget.$Properties instead.
         */
        interface IFileTarget extends swarm.v1.FileTarget.$Properties {
        }

        /** FileTarget is where a secret or config appears inside a container. */
        class FileTarget {

            /**
             * Constructs a new FileTarget.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.FileTarget.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** File name under /run/secrets (secrets) or an absolute path (configs). */
            name: string;

            /** Owner user id as a string, as Docker does. */
            uid: string;

            /** Owner group id as a string. */
            gid: string;

            /** Permission bits, e.g. 0o444. */
            mode: number;

            /**
             * Creates a new FileTarget instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FileTarget instance
             */
            static create(properties: swarm.v1.FileTarget.$Shape): swarm.v1.FileTarget & swarm.v1.FileTarget.$Shape;
            static create(properties?: swarm.v1.FileTarget.$Properties): swarm.v1.FileTarget;

            /**
             * Encodes the specified FileTarget message. Does not implicitly {@link swarm.v1.FileTarget.verify|verify} messages.
             * @param message FileTarget message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.FileTarget.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FileTarget message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.FileTarget & swarm.v1.FileTarget.$Shape} FileTarget
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.FileTarget & swarm.v1.FileTarget.$Shape;

            /**
             * Creates a FileTarget message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FileTarget
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.FileTarget;

            /**
             * Creates a plain object from a FileTarget message. Also converts values to other types if specified.
             * @param message FileTarget
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.FileTarget, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FileTarget to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace FileTarget {

            /** Properties of a FileTarget. */
            interface $Properties {

                /** File name under /run/secrets (secrets) or an absolute path (configs). */
                name?: string;

                /** Owner user id as a string, as Docker does. */
                uid?: string;

                /** Owner group id as a string. */
                gid?: string;

                /** Permission bits, e.g. 0o444. */
                mode?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FileTarget. */
            type $Shape = swarm.v1.FileTarget.$Properties;
        }

        /**
         * Properties of a SecretReference.
         * @deprecated Use swarm.v1.SecretReference.$Properties instead.
         */
        interface ISecretReference extends swarm.v1.SecretReference.$Properties {
        }

        /** SecretReference grants a task one secret. */
        class SecretReference {

            /**
             * Constructs a new SecretReference.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SecretReference.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Id of the secret. */
            secretId: string;

            /** Name of the secret, as the operator wrote it. */
            secretName: string;

            /** Where the secret appears in the container. */
            file: swarm.v1.FileTarget;

            /**
             * Creates a new SecretReference instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SecretReference instance
             */
            static create(properties: swarm.v1.SecretReference.$Shape): swarm.v1.SecretReference & swarm.v1.SecretReference.$Shape;
            static create(properties?: swarm.v1.SecretReference.$Properties): swarm.v1.SecretReference;

            /**
             * Encodes the specified SecretReference message. Does not implicitly {@link swarm.v1.SecretReference.verify|verify} messages.
             * @param message SecretReference message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SecretReference.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SecretReference message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SecretReference & swarm.v1.SecretReference.$Shape} SecretReference
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SecretReference & swarm.v1.SecretReference.$Shape;

            /**
             * Creates a SecretReference message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SecretReference
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SecretReference;

            /**
             * Creates a plain object from a SecretReference message. Also converts values to other types if specified.
             * @param message SecretReference
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SecretReference, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SecretReference to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SecretReference {

            /** Properties of a SecretReference. */
            interface $Properties {

                /** Id of the secret. */
                secretId?: string;

                /** Name of the secret, as the operator wrote it. */
                secretName?: string;

                /** Where the secret appears in the container. */
                file?: swarm.v1.FileTarget.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SecretReference. */
            type $Shape = swarm.v1.SecretReference.$Properties;
        }

        /**
         * Properties of a ConfigReference.
         * @deprecated Use swarm.v1.ConfigReference.$Properties instead.
         */
        interface IConfigReference extends swarm.v1.ConfigReference.$Properties {
        }

        /** ConfigReference grants a task one config. */
        class ConfigReference {

            /**
             * Constructs a new ConfigReference.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ConfigReference.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Id of the config. */
            configId: string;

            /** Name of the config, as the operator wrote it. */
            configName: string;

            /** Where the config appears in the container. */
            file: swarm.v1.FileTarget;

            /**
             * Creates a new ConfigReference instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConfigReference instance
             */
            static create(properties: swarm.v1.ConfigReference.$Shape): swarm.v1.ConfigReference & swarm.v1.ConfigReference.$Shape;
            static create(properties?: swarm.v1.ConfigReference.$Properties): swarm.v1.ConfigReference;

            /**
             * Encodes the specified ConfigReference message. Does not implicitly {@link swarm.v1.ConfigReference.verify|verify} messages.
             * @param message ConfigReference message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ConfigReference.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConfigReference message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ConfigReference & swarm.v1.ConfigReference.$Shape} ConfigReference
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ConfigReference & swarm.v1.ConfigReference.$Shape;

            /**
             * Creates a ConfigReference message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ConfigReference
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ConfigReference;

            /**
             * Creates a plain object from a ConfigReference message. Also converts values to other types if specified.
             * @param message ConfigReference
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ConfigReference, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ConfigReference to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ConfigReference {

            /** Properties of a ConfigReference. */
            interface $Properties {

                /** Id of the config. */
                configId?: string;

                /** Name of the config, as the operator wrote it. */
                configName?: string;

                /** Where the config appears in the container. */
                file?: swarm.v1.FileTarget.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConfigReference. */
            type $Shape = swarm.v1.ConfigReference.$Properties;
        }

        /**
         * Properties of a HealthConfig.
         * @deprecated Use swarm.v1.HealthConfig.$Properties instead.
         */
        interface IHealthConfig extends swarm.v1.HealthConfig.$Properties {
        }

        /** HealthConfig is a container health check. */
        class HealthConfig {

            /**
             * Constructs a new HealthConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.HealthConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Command to run: ["NONE"], ["CMD", args...] or ["CMD-SHELL", command]. */
            test: string[];

            /** Time between checks, in nanoseconds. */
            intervalNs: number;

            /** Time one check may take, in nanoseconds. */
            timeoutNs: number;

            /** Consecutive failures that make the container unhealthy. */
            retries: number;

            /** Grace period after start during which failures do not count, in nanoseconds. */
            startPeriodNs: number;

            /** Time between checks during the start period, in nanoseconds. */
            startIntervalNs: number;

            /**
             * Creates a new HealthConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HealthConfig instance
             */
            static create(properties: swarm.v1.HealthConfig.$Shape): swarm.v1.HealthConfig & swarm.v1.HealthConfig.$Shape;
            static create(properties?: swarm.v1.HealthConfig.$Properties): swarm.v1.HealthConfig;

            /**
             * Encodes the specified HealthConfig message. Does not implicitly {@link swarm.v1.HealthConfig.verify|verify} messages.
             * @param message HealthConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.HealthConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HealthConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.HealthConfig & swarm.v1.HealthConfig.$Shape} HealthConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.HealthConfig & swarm.v1.HealthConfig.$Shape;

            /**
             * Creates a HealthConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns HealthConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.HealthConfig;

            /**
             * Creates a plain object from a HealthConfig message. Also converts values to other types if specified.
             * @param message HealthConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.HealthConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HealthConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace HealthConfig {

            /** Properties of a HealthConfig. */
            interface $Properties {

                /** Command to run: ["NONE"], ["CMD", args...] or ["CMD-SHELL", command]. */
                test?: string[];

                /** Time between checks, in nanoseconds. */
                intervalNs?: number;

                /** Time one check may take, in nanoseconds. */
                timeoutNs?: number;

                /** Consecutive failures that make the container unhealthy. */
                retries?: number;

                /** Grace period after start during which failures do not count, in nanoseconds. */
                startPeriodNs?: number;

                /** Time between checks during the start period, in nanoseconds. */
                startIntervalNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HealthConfig. */
            type $Shape = swarm.v1.HealthConfig.$Properties;
        }

        /**
         * Properties of a NetworkAttachmentConfig.
         * @deprecated Use swarm.v1.NetworkAttachmentConfig.$Properties instead.
         */
        interface INetworkAttachmentConfig extends swarm.v1.NetworkAttachmentConfig.$Properties {
        }

        /** NetworkAttachmentConfig attaches a service to a network. */
        class NetworkAttachmentConfig {

            /**
             * Constructs a new NetworkAttachmentConfig.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkAttachmentConfig.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network id or name. */
            target: string;

            /** Extra DNS names for the service on that network. */
            aliases: string[];

            /**
             * Creates a new NetworkAttachmentConfig instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkAttachmentConfig instance
             */
            static create(properties: swarm.v1.NetworkAttachmentConfig.$Shape): swarm.v1.NetworkAttachmentConfig & swarm.v1.NetworkAttachmentConfig.$Shape;
            static create(properties?: swarm.v1.NetworkAttachmentConfig.$Properties): swarm.v1.NetworkAttachmentConfig;

            /**
             * Encodes the specified NetworkAttachmentConfig message. Does not implicitly {@link swarm.v1.NetworkAttachmentConfig.verify|verify} messages.
             * @param message NetworkAttachmentConfig message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkAttachmentConfig.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkAttachmentConfig message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkAttachmentConfig & swarm.v1.NetworkAttachmentConfig.$Shape} NetworkAttachmentConfig
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkAttachmentConfig & swarm.v1.NetworkAttachmentConfig.$Shape;

            /**
             * Creates a NetworkAttachmentConfig message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkAttachmentConfig
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkAttachmentConfig;

            /**
             * Creates a plain object from a NetworkAttachmentConfig message. Also converts values to other types if specified.
             * @param message NetworkAttachmentConfig
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkAttachmentConfig, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkAttachmentConfig to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkAttachmentConfig {

            /** Properties of a NetworkAttachmentConfig. */
            interface $Properties {

                /** Network id or name. */
                target?: string;

                /** Extra DNS names for the service on that network. */
                aliases?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkAttachmentConfig. */
            type $Shape = swarm.v1.NetworkAttachmentConfig.$Properties;
        }

        /**
         * Properties of a NetworkAttachment.
         * @deprecated Use swarm.v1.NetworkAttachment.$Properties instead.
         */
        interface INetworkAttachment extends swarm.v1.NetworkAttachment.$Properties {
        }

        /** NetworkAttachment is a task's allocated place on one network. */
        class NetworkAttachment {

            /**
             * Constructs a new NetworkAttachment.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkAttachment.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network id. */
            networkId: string;

            /** Addresses of the task on that network, in CIDR form. */
            addresses: string[];

            /** DNS aliases on that network. */
            aliases: string[];

            /**
             * Creates a new NetworkAttachment instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkAttachment instance
             */
            static create(properties: swarm.v1.NetworkAttachment.$Shape): swarm.v1.NetworkAttachment & swarm.v1.NetworkAttachment.$Shape;
            static create(properties?: swarm.v1.NetworkAttachment.$Properties): swarm.v1.NetworkAttachment;

            /**
             * Encodes the specified NetworkAttachment message. Does not implicitly {@link swarm.v1.NetworkAttachment.verify|verify} messages.
             * @param message NetworkAttachment message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkAttachment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkAttachment message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkAttachment & swarm.v1.NetworkAttachment.$Shape} NetworkAttachment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkAttachment & swarm.v1.NetworkAttachment.$Shape;

            /**
             * Creates a NetworkAttachment message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkAttachment
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkAttachment;

            /**
             * Creates a plain object from a NetworkAttachment message. Also converts values to other types if specified.
             * @param message NetworkAttachment
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkAttachment, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkAttachment to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkAttachment {

            /** Properties of a NetworkAttachment. */
            interface $Properties {

                /** Network id. */
                networkId?: string;

                /** Addresses of the task on that network, in CIDR form. */
                addresses?: string[];

                /** DNS aliases on that network. */
                aliases?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkAttachment. */
            type $Shape = swarm.v1.NetworkAttachment.$Properties;
        }

        /**
         * Properties of a ContainerStatus.
         * @deprecated Use swarm.v1.ContainerStatus.$Properties instead.
         */
        interface IContainerStatus extends swarm.v1.ContainerStatus.$Properties {
        }

        /** ContainerStatus is what the engine reports about a task's container. */
        class ContainerStatus {

            /**
             * Constructs a new ContainerStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ContainerStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Engine container id. */
            containerId: string;

            /** Process id of the main process on the node. */
            pid: number;

            /** Exit code once the container has stopped. */
            exitCode: number;

            /**
             * Creates a new ContainerStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatus instance
             */
            static create(properties: swarm.v1.ContainerStatus.$Shape): swarm.v1.ContainerStatus & swarm.v1.ContainerStatus.$Shape;
            static create(properties?: swarm.v1.ContainerStatus.$Properties): swarm.v1.ContainerStatus;

            /**
             * Encodes the specified ContainerStatus message. Does not implicitly {@link swarm.v1.ContainerStatus.verify|verify} messages.
             * @param message ContainerStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ContainerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ContainerStatus & swarm.v1.ContainerStatus.$Shape} ContainerStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ContainerStatus & swarm.v1.ContainerStatus.$Shape;

            /**
             * Creates a ContainerStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ContainerStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ContainerStatus;

            /**
             * Creates a plain object from a ContainerStatus message. Also converts values to other types if specified.
             * @param message ContainerStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ContainerStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ContainerStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ContainerStatus {

            /** Properties of a ContainerStatus. */
            interface $Properties {

                /** Engine container id. */
                containerId?: string;

                /** Process id of the main process on the node. */
                pid?: number;

                /** Exit code once the container has stopped. */
                exitCode?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ContainerStatus. */
            type $Shape = swarm.v1.ContainerStatus.$Properties;
        }

        /**
         * Properties of a PortStatus.
         * @deprecated Use swarm.v1.PortStatus.$Properties instead.
         */
        interface IPortStatus extends swarm.v1.PortStatus.$Properties {
        }

        /** PortStatus lists ports published directly on the node (host mode). */
        class PortStatus {

            /**
             * Constructs a new PortStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PortStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Ports with the node port actually bound. */
            ports: swarm.v1.PortConfig[];

            /**
             * Creates a new PortStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PortStatus instance
             */
            static create(properties: swarm.v1.PortStatus.$Shape): swarm.v1.PortStatus & swarm.v1.PortStatus.$Shape;
            static create(properties?: swarm.v1.PortStatus.$Properties): swarm.v1.PortStatus;

            /**
             * Encodes the specified PortStatus message. Does not implicitly {@link swarm.v1.PortStatus.verify|verify} messages.
             * @param message PortStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PortStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PortStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PortStatus & swarm.v1.PortStatus.$Shape} PortStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PortStatus & swarm.v1.PortStatus.$Shape;

            /**
             * Creates a PortStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PortStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PortStatus;

            /**
             * Creates a plain object from a PortStatus message. Also converts values to other types if specified.
             * @param message PortStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PortStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PortStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PortStatus {

            /** Properties of a PortStatus. */
            interface $Properties {

                /** Ports with the node port actually bound. */
                ports?: swarm.v1.PortConfig.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PortStatus. */
            type $Shape = swarm.v1.PortStatus.$Properties;
        }

        /** TaskState orders a task's lifecycle; states only move forward. */
        enum TaskState {

            /** Created by the orchestrator. */
            TASK_STATE_NEW = 0,

            /** Resources (ports, addresses) allocated; waiting for the scheduler. */
            TASK_STATE_PENDING = 64,

            /** Scheduler chose a node. */
            TASK_STATE_ASSIGNED = 192,

            /** The node's agent accepted the task. */
            TASK_STATE_ACCEPTED = 256,

            /** The agent is preparing (pulling the image, creating the container). */
            TASK_STATE_PREPARING = 320,

            /** Prepared and ready to start. */
            TASK_STATE_READY = 384,

            /** Starting. */
            TASK_STATE_STARTING = 448,

            /** Running. */
            TASK_STATE_RUNNING = 512,

            /** Exited with success. */
            TASK_STATE_COMPLETE = 576,

            /** Stopped on request. */
            TASK_STATE_SHUTDOWN = 640,

            /** Exited with failure or could not start. */
            TASK_STATE_FAILED = 704,

            /** The node refused the task. */
            TASK_STATE_REJECTED = 768,

            /** The node has been unreachable too long; the task's fate is unknown and it is replaced. */
            TASK_STATE_ORPHANED = 800,

            /** Desired only: stop the task, then delete it from the store. */
            TASK_STATE_REMOVE = 832
        }

        /**
         * Properties of a TaskStatus.
         * @deprecated Use swarm.v1.TaskStatus.$Properties instead.
         */
        interface ITaskStatus extends swarm.v1.TaskStatus.$Properties {
        }

        /** TaskStatus is a task's observed state as last reported. */
        class TaskStatus {

            /**
             * Constructs a new TaskStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.TaskStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Observed state. */
            state: swarm.v1.TaskState;

            /** When the state was observed. */
            timestamp: google.protobuf.Timestamp;

            /** Human-readable summary of the state, e.g. "started". */
            message: string;

            /** Error that caused a FAILED or REJECTED state. */
            err: string;

            /** Container details, once a container exists. */
            container: swarm.v1.ContainerStatus;

            /** Host-mode ports bound by the task. */
            portStatus: swarm.v1.PortStatus;

            /** Generation of the agent that reported this status, to drop stale reports. */
            appliedByGeneration: number;

            /**
             * Creates a new TaskStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskStatus instance
             */
            static create(properties: swarm.v1.TaskStatus.$Shape): swarm.v1.TaskStatus & swarm.v1.TaskStatus.$Shape;
            static create(properties?: swarm.v1.TaskStatus.$Properties): swarm.v1.TaskStatus;

            /**
             * Encodes the specified TaskStatus message. Does not implicitly {@link swarm.v1.TaskStatus.verify|verify} messages.
             * @param message TaskStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.TaskStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.TaskStatus & swarm.v1.TaskStatus.$Shape} TaskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.TaskStatus & swarm.v1.TaskStatus.$Shape;

            /**
             * Creates a TaskStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskStatus
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.TaskStatus;

            /**
             * Creates a plain object from a TaskStatus message. Also converts values to other types if specified.
             * @param message TaskStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.TaskStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskStatus {

            /** Properties of a TaskStatus. */
            interface $Properties {

                /** Observed state. */
                state?: swarm.v1.TaskState;

                /** When the state was observed. */
                timestamp?: google.protobuf.Timestamp.$Properties;

                /** Human-readable summary of the state, e.g. "started". */
                message?: string;

                /** Error that caused a FAILED or REJECTED state. */
                err?: string;

                /** Container details, once a container exists. */
                container?: swarm.v1.ContainerStatus.$Properties;

                /** Host-mode ports bound by the task. */
                portStatus?: swarm.v1.PortStatus.$Properties;

                /** Generation of the agent that reported this status, to drop stale reports. */
                appliedByGeneration?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskStatus. */
            type $Shape = swarm.v1.TaskStatus.$Properties;
        }

        /**
         * Properties of a JoinTokens.
         * @deprecated Use swarm.v1.JoinTokens.$Properties instead.
         */
        interface IJoinTokens extends swarm.v1.JoinTokens.$Properties {
        }

        /** JoinTokens admit new nodes; each names the role it grants. */
        class JoinTokens {

            /**
             * Constructs a new JoinTokens.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.JoinTokens.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Token that admits a worker. */
            worker: string;

            /** Token that admits a manager. */
            manager: string;

            /**
             * Creates a new JoinTokens instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinTokens instance
             */
            static create(properties: swarm.v1.JoinTokens.$Shape): swarm.v1.JoinTokens & swarm.v1.JoinTokens.$Shape;
            static create(properties?: swarm.v1.JoinTokens.$Properties): swarm.v1.JoinTokens;

            /**
             * Encodes the specified JoinTokens message. Does not implicitly {@link swarm.v1.JoinTokens.verify|verify} messages.
             * @param message JoinTokens message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.JoinTokens.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinTokens message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.JoinTokens & swarm.v1.JoinTokens.$Shape} JoinTokens
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.JoinTokens & swarm.v1.JoinTokens.$Shape;

            /**
             * Creates a JoinTokens message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns JoinTokens
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.JoinTokens;

            /**
             * Creates a plain object from a JoinTokens message. Also converts values to other types if specified.
             * @param message JoinTokens
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.JoinTokens, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this JoinTokens to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace JoinTokens {

            /** Properties of a JoinTokens. */
            interface $Properties {

                /** Token that admits a worker. */
                worker?: string;

                /** Token that admits a manager. */
                manager?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinTokens. */
            type $Shape = swarm.v1.JoinTokens.$Properties;
        }

        /**
         * Properties of a RaftMember.
         * @deprecated Use swarm.v1.RaftMember.$Properties instead.
         */
        interface IRaftMember extends swarm.v1.RaftMember.$Properties {
        }

        /** RaftMember is one manager in the raft group. */
        class RaftMember {

            /**
             * Constructs a new RaftMember.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RaftMember.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Raft id of the member. */
            raftId: number;

            /** Node id of the member. */
            nodeId: string;

            /** Address other managers reach it at, host:port. */
            addr: string;

            /** Whether the member is a non-voting learner catching up. */
            learner: boolean;

            /**
             * Creates a new RaftMember instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RaftMember instance
             */
            static create(properties: swarm.v1.RaftMember.$Shape): swarm.v1.RaftMember & swarm.v1.RaftMember.$Shape;
            static create(properties?: swarm.v1.RaftMember.$Properties): swarm.v1.RaftMember;

            /**
             * Encodes the specified RaftMember message. Does not implicitly {@link swarm.v1.RaftMember.verify|verify} messages.
             * @param message RaftMember message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RaftMember.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RaftMember message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RaftMember & swarm.v1.RaftMember.$Shape} RaftMember
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RaftMember & swarm.v1.RaftMember.$Shape;

            /**
             * Creates a RaftMember message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RaftMember
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RaftMember;

            /**
             * Creates a plain object from a RaftMember message. Also converts values to other types if specified.
             * @param message RaftMember
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RaftMember, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RaftMember to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RaftMember {

            /** Properties of a RaftMember. */
            interface $Properties {

                /** Raft id of the member. */
                raftId?: number;

                /** Node id of the member. */
                nodeId?: string;

                /** Address other managers reach it at, host:port. */
                addr?: string;

                /** Whether the member is a non-voting learner catching up. */
                learner?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RaftMember. */
            type $Shape = swarm.v1.RaftMember.$Properties;
        }

        /**
         * Properties of a GetNodeRequest.
         * @deprecated Use swarm.v1.GetNodeRequest.$Properties instead.
         */
        interface IGetNodeRequest extends swarm.v1.GetNodeRequest.$Properties {
        }

        /** GetNodeRequest names a node. */
        class GetNodeRequest {

            /**
             * Constructs a new GetNodeRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetNodeRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id, unique id prefix or name. */
            nodeId: string;

            /**
             * Creates a new GetNodeRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetNodeRequest instance
             */
            static create(properties: swarm.v1.GetNodeRequest.$Shape): swarm.v1.GetNodeRequest & swarm.v1.GetNodeRequest.$Shape;
            static create(properties?: swarm.v1.GetNodeRequest.$Properties): swarm.v1.GetNodeRequest;

            /**
             * Encodes the specified GetNodeRequest message. Does not implicitly {@link swarm.v1.GetNodeRequest.verify|verify} messages.
             * @param message GetNodeRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetNodeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetNodeRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetNodeRequest & swarm.v1.GetNodeRequest.$Shape} GetNodeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetNodeRequest & swarm.v1.GetNodeRequest.$Shape;

            /**
             * Creates a GetNodeRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetNodeRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetNodeRequest;

            /**
             * Creates a plain object from a GetNodeRequest message. Also converts values to other types if specified.
             * @param message GetNodeRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetNodeRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetNodeRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetNodeRequest {

            /** Properties of a GetNodeRequest. */
            interface $Properties {

                /** Node id, unique id prefix or name. */
                nodeId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetNodeRequest. */
            type $Shape = swarm.v1.GetNodeRequest.$Properties;
        }

        /**
         * Properties of a GetNodeResponse.
         * @deprecated Use swarm.v1.GetNodeResponse.$Properties instead.
         */
        interface IGetNodeResponse extends swarm.v1.GetNodeResponse.$Properties {
        }

        /** GetNodeResponse carries one node. */
        class GetNodeResponse {

            /**
             * Constructs a new GetNodeResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetNodeResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The node. */
            node: swarm.v1.Node;

            /**
             * Creates a new GetNodeResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetNodeResponse instance
             */
            static create(properties: swarm.v1.GetNodeResponse.$Shape): swarm.v1.GetNodeResponse & swarm.v1.GetNodeResponse.$Shape;
            static create(properties?: swarm.v1.GetNodeResponse.$Properties): swarm.v1.GetNodeResponse;

            /**
             * Encodes the specified GetNodeResponse message. Does not implicitly {@link swarm.v1.GetNodeResponse.verify|verify} messages.
             * @param message GetNodeResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetNodeResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetNodeResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetNodeResponse & swarm.v1.GetNodeResponse.$Shape} GetNodeResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetNodeResponse & swarm.v1.GetNodeResponse.$Shape;

            /**
             * Creates a GetNodeResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetNodeResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetNodeResponse;

            /**
             * Creates a plain object from a GetNodeResponse message. Also converts values to other types if specified.
             * @param message GetNodeResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetNodeResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetNodeResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetNodeResponse {

            /** Properties of a GetNodeResponse. */
            interface $Properties {

                /** The node. */
                node?: swarm.v1.Node.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetNodeResponse. */
            type $Shape = swarm.v1.GetNodeResponse.$Properties;
        }

        /**
         * Properties of a ListNodesRequest.
         * @deprecated Use swarm.v1.ListNodesRequest.$Properties instead.
         */
        interface IListNodesRequest extends swarm.v1.ListNodesRequest.$Properties {
        }

        /** ListNodesRequest filters nodes; every filter field narrows the result (AND), values within a field widen it (OR). */
        class ListNodesRequest {

            /**
             * Constructs a new ListNodesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListNodesRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListNodesRequest.Filters;

            /**
             * Creates a new ListNodesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListNodesRequest instance
             */
            static create(properties: swarm.v1.ListNodesRequest.$Shape): swarm.v1.ListNodesRequest & swarm.v1.ListNodesRequest.$Shape;
            static create(properties?: swarm.v1.ListNodesRequest.$Properties): swarm.v1.ListNodesRequest;

            /**
             * Encodes the specified ListNodesRequest message. Does not implicitly {@link swarm.v1.ListNodesRequest.verify|verify} messages.
             * @param message ListNodesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListNodesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListNodesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListNodesRequest & swarm.v1.ListNodesRequest.$Shape} ListNodesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListNodesRequest & swarm.v1.ListNodesRequest.$Shape;

            /**
             * Creates a ListNodesRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListNodesRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListNodesRequest;

            /**
             * Creates a plain object from a ListNodesRequest message. Also converts values to other types if specified.
             * @param message ListNodesRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListNodesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListNodesRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListNodesRequest {

            /** Properties of a ListNodesRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListNodesRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListNodesRequest. */
            type $Shape = swarm.v1.ListNodesRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListNodesRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListNodesRequest.Filters.$Properties {
            }

            /** Node filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListNodesRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exact names. */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Node labels (spec labels) that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Roles. */
                roles: swarm.v1.NodeSpec.Role[];

                /** Availabilities. */
                availabilities: swarm.v1.NodeSpec.Availability[];

                /** Liveness states. */
                states: swarm.v1.NodeStatus.State[];

                /** Name prefixes. */
                namePrefixes: string[];

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListNodesRequest.Filters.$Shape): swarm.v1.ListNodesRequest.Filters & swarm.v1.ListNodesRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListNodesRequest.Filters.$Properties): swarm.v1.ListNodesRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListNodesRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListNodesRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListNodesRequest.Filters & swarm.v1.ListNodesRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListNodesRequest.Filters & swarm.v1.ListNodesRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListNodesRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListNodesRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Exact names. */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Node labels (spec labels) that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Roles. */
                    roles?: swarm.v1.NodeSpec.Role[];

                    /** Availabilities. */
                    availabilities?: swarm.v1.NodeSpec.Availability[];

                    /** Liveness states. */
                    states?: swarm.v1.NodeStatus.State[];

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListNodesRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListNodesResponse.
         * @deprecated Use swarm.v1.ListNodesResponse.$Properties instead.
         */
        interface IListNodesResponse extends swarm.v1.ListNodesResponse.$Properties {
        }

        /** ListNodesResponse carries matching nodes, ordered by id. */
        class ListNodesResponse {

            /**
             * Constructs a new ListNodesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListNodesResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching nodes. */
            nodes: swarm.v1.Node[];

            /**
             * Creates a new ListNodesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListNodesResponse instance
             */
            static create(properties: swarm.v1.ListNodesResponse.$Shape): swarm.v1.ListNodesResponse & swarm.v1.ListNodesResponse.$Shape;
            static create(properties?: swarm.v1.ListNodesResponse.$Properties): swarm.v1.ListNodesResponse;

            /**
             * Encodes the specified ListNodesResponse message. Does not implicitly {@link swarm.v1.ListNodesResponse.verify|verify} messages.
             * @param message ListNodesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListNodesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListNodesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListNodesResponse & swarm.v1.ListNodesResponse.$Shape} ListNodesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListNodesResponse & swarm.v1.ListNodesResponse.$Shape;

            /**
             * Creates a ListNodesResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListNodesResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListNodesResponse;

            /**
             * Creates a plain object from a ListNodesResponse message. Also converts values to other types if specified.
             * @param message ListNodesResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListNodesResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListNodesResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListNodesResponse {

            /** Properties of a ListNodesResponse. */
            interface $Properties {

                /** Matching nodes. */
                nodes?: swarm.v1.Node.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListNodesResponse. */
            type $Shape = swarm.v1.ListNodesResponse.$Properties;
        }

        /**
         * Properties of an UpdateNodeRequest.
         * @deprecated Use swarm.v1.UpdateNodeRequest.$Properties instead.
         */
        interface IUpdateNodeRequest extends swarm.v1.UpdateNodeRequest.$Properties {
        }

        /** UpdateNodeRequest replaces a node's spec. */
        class UpdateNodeRequest {

            /**
             * Constructs a new UpdateNodeRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateNodeRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id. */
            nodeId: string;

            /** Version the caller read; a different current version fails with FAILED_PRECONDITION. */
            nodeVersion: swarm.v1.Version;

            /** New spec. */
            spec: swarm.v1.NodeSpec;

            /**
             * Creates a new UpdateNodeRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateNodeRequest instance
             */
            static create(properties: swarm.v1.UpdateNodeRequest.$Shape): swarm.v1.UpdateNodeRequest & swarm.v1.UpdateNodeRequest.$Shape;
            static create(properties?: swarm.v1.UpdateNodeRequest.$Properties): swarm.v1.UpdateNodeRequest;

            /**
             * Encodes the specified UpdateNodeRequest message. Does not implicitly {@link swarm.v1.UpdateNodeRequest.verify|verify} messages.
             * @param message UpdateNodeRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateNodeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateNodeRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateNodeRequest & swarm.v1.UpdateNodeRequest.$Shape} UpdateNodeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateNodeRequest & swarm.v1.UpdateNodeRequest.$Shape;

            /**
             * Creates an UpdateNodeRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateNodeRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateNodeRequest;

            /**
             * Creates a plain object from an UpdateNodeRequest message. Also converts values to other types if specified.
             * @param message UpdateNodeRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateNodeRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateNodeRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateNodeRequest {

            /** Properties of an UpdateNodeRequest. */
            interface $Properties {

                /** Node id. */
                nodeId?: string;

                /** Version the caller read; a different current version fails with FAILED_PRECONDITION. */
                nodeVersion?: swarm.v1.Version.$Properties;

                /** New spec. */
                spec?: swarm.v1.NodeSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateNodeRequest. */
            type $Shape = swarm.v1.UpdateNodeRequest.$Properties;
        }

        /**
         * Properties of an UpdateNodeResponse.
         * @deprecated Use swarm.v1.UpdateNodeResponse.$Properties instead.
         */
        interface IUpdateNodeResponse extends swarm.v1.UpdateNodeResponse.$Properties {
        }

        /** UpdateNodeResponse carries the updated node. */
        class UpdateNodeResponse {

            /**
             * Constructs a new UpdateNodeResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateNodeResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The node after the update. */
            node: swarm.v1.Node;

            /**
             * Creates a new UpdateNodeResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateNodeResponse instance
             */
            static create(properties: swarm.v1.UpdateNodeResponse.$Shape): swarm.v1.UpdateNodeResponse & swarm.v1.UpdateNodeResponse.$Shape;
            static create(properties?: swarm.v1.UpdateNodeResponse.$Properties): swarm.v1.UpdateNodeResponse;

            /**
             * Encodes the specified UpdateNodeResponse message. Does not implicitly {@link swarm.v1.UpdateNodeResponse.verify|verify} messages.
             * @param message UpdateNodeResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateNodeResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateNodeResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateNodeResponse & swarm.v1.UpdateNodeResponse.$Shape} UpdateNodeResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateNodeResponse & swarm.v1.UpdateNodeResponse.$Shape;

            /**
             * Creates an UpdateNodeResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateNodeResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateNodeResponse;

            /**
             * Creates a plain object from an UpdateNodeResponse message. Also converts values to other types if specified.
             * @param message UpdateNodeResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateNodeResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateNodeResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateNodeResponse {

            /** Properties of an UpdateNodeResponse. */
            interface $Properties {

                /** The node after the update. */
                node?: swarm.v1.Node.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateNodeResponse. */
            type $Shape = swarm.v1.UpdateNodeResponse.$Properties;
        }

        /**
         * Properties of a RemoveNodeRequest.
         * @deprecated Use swarm.v1.RemoveNodeRequest.$Properties instead.
         */
        interface IRemoveNodeRequest extends swarm.v1.RemoveNodeRequest.$Properties {
        }

        /** RemoveNodeRequest names a node to remove. */
        class RemoveNodeRequest {

            /**
             * Constructs a new RemoveNodeRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveNodeRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id. */
            nodeId: string;

            /** Remove even if the node is up or is a manager that is still a raft member. */
            force: boolean;

            /**
             * Creates a new RemoveNodeRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveNodeRequest instance
             */
            static create(properties: swarm.v1.RemoveNodeRequest.$Shape): swarm.v1.RemoveNodeRequest & swarm.v1.RemoveNodeRequest.$Shape;
            static create(properties?: swarm.v1.RemoveNodeRequest.$Properties): swarm.v1.RemoveNodeRequest;

            /**
             * Encodes the specified RemoveNodeRequest message. Does not implicitly {@link swarm.v1.RemoveNodeRequest.verify|verify} messages.
             * @param message RemoveNodeRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveNodeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveNodeRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveNodeRequest & swarm.v1.RemoveNodeRequest.$Shape} RemoveNodeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveNodeRequest & swarm.v1.RemoveNodeRequest.$Shape;

            /**
             * Creates a RemoveNodeRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveNodeRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveNodeRequest;

            /**
             * Creates a plain object from a RemoveNodeRequest message. Also converts values to other types if specified.
             * @param message RemoveNodeRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveNodeRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveNodeRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveNodeRequest {

            /** Properties of a RemoveNodeRequest. */
            interface $Properties {

                /** Node id. */
                nodeId?: string;

                /** Remove even if the node is up or is a manager that is still a raft member. */
                force?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveNodeRequest. */
            type $Shape = swarm.v1.RemoveNodeRequest.$Properties;
        }

        /**
         * Properties of a RemoveNodeResponse.
         * @deprecated Use swarm.v1.RemoveNodeResponse.$Properties instead.
         */
        interface IRemoveNodeResponse extends swarm.v1.RemoveNodeResponse.$Properties {
        }

        /** RemoveNodeResponse is empty. */
        class RemoveNodeResponse {

            /**
             * Constructs a new RemoveNodeResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveNodeResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new RemoveNodeResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveNodeResponse instance
             */
            static create(properties: swarm.v1.RemoveNodeResponse.$Shape): swarm.v1.RemoveNodeResponse & swarm.v1.RemoveNodeResponse.$Shape;
            static create(properties?: swarm.v1.RemoveNodeResponse.$Properties): swarm.v1.RemoveNodeResponse;

            /**
             * Encodes the specified RemoveNodeResponse message. Does not implicitly {@link swarm.v1.RemoveNodeResponse.verify|verify} messages.
             * @param message RemoveNodeResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveNodeResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveNodeResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveNodeResponse & swarm.v1.RemoveNodeResponse.$Shape} RemoveNodeResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveNodeResponse & swarm.v1.RemoveNodeResponse.$Shape;

            /**
             * Creates a RemoveNodeResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveNodeResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveNodeResponse;

            /**
             * Creates a plain object from a RemoveNodeResponse message. Also converts values to other types if specified.
             * @param message RemoveNodeResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveNodeResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveNodeResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveNodeResponse {

            /** Properties of a RemoveNodeResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveNodeResponse. */
            type $Shape = swarm.v1.RemoveNodeResponse.$Properties;
        }

        /**
         * Properties of a GetTaskRequest.
         * @deprecated Use swarm.v1.GetTaskRequest.$Properties instead.
         */
        interface IGetTaskRequest extends swarm.v1.GetTaskRequest.$Properties {
        }

        /** GetTaskRequest names a task. */
        class GetTaskRequest {

            /**
             * Constructs a new GetTaskRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetTaskRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task id or unique id prefix. */
            taskId: string;

            /**
             * Creates a new GetTaskRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetTaskRequest instance
             */
            static create(properties: swarm.v1.GetTaskRequest.$Shape): swarm.v1.GetTaskRequest & swarm.v1.GetTaskRequest.$Shape;
            static create(properties?: swarm.v1.GetTaskRequest.$Properties): swarm.v1.GetTaskRequest;

            /**
             * Encodes the specified GetTaskRequest message. Does not implicitly {@link swarm.v1.GetTaskRequest.verify|verify} messages.
             * @param message GetTaskRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetTaskRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetTaskRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetTaskRequest & swarm.v1.GetTaskRequest.$Shape} GetTaskRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetTaskRequest & swarm.v1.GetTaskRequest.$Shape;

            /**
             * Creates a GetTaskRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetTaskRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetTaskRequest;

            /**
             * Creates a plain object from a GetTaskRequest message. Also converts values to other types if specified.
             * @param message GetTaskRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetTaskRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetTaskRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetTaskRequest {

            /** Properties of a GetTaskRequest. */
            interface $Properties {

                /** Task id or unique id prefix. */
                taskId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetTaskRequest. */
            type $Shape = swarm.v1.GetTaskRequest.$Properties;
        }

        /**
         * Properties of a GetTaskResponse.
         * @deprecated Use swarm.v1.GetTaskResponse.$Properties instead.
         */
        interface IGetTaskResponse extends swarm.v1.GetTaskResponse.$Properties {
        }

        /** GetTaskResponse carries one task. */
        class GetTaskResponse {

            /**
             * Constructs a new GetTaskResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetTaskResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The task. */
            task: swarm.v1.Task;

            /**
             * Creates a new GetTaskResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetTaskResponse instance
             */
            static create(properties: swarm.v1.GetTaskResponse.$Shape): swarm.v1.GetTaskResponse & swarm.v1.GetTaskResponse.$Shape;
            static create(properties?: swarm.v1.GetTaskResponse.$Properties): swarm.v1.GetTaskResponse;

            /**
             * Encodes the specified GetTaskResponse message. Does not implicitly {@link swarm.v1.GetTaskResponse.verify|verify} messages.
             * @param message GetTaskResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetTaskResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetTaskResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetTaskResponse & swarm.v1.GetTaskResponse.$Shape} GetTaskResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetTaskResponse & swarm.v1.GetTaskResponse.$Shape;

            /**
             * Creates a GetTaskResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetTaskResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetTaskResponse;

            /**
             * Creates a plain object from a GetTaskResponse message. Also converts values to other types if specified.
             * @param message GetTaskResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetTaskResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetTaskResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetTaskResponse {

            /** Properties of a GetTaskResponse. */
            interface $Properties {

                /** The task. */
                task?: swarm.v1.Task.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetTaskResponse. */
            type $Shape = {
              task?: swarm.v1.Task.$Shape;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a ListTasksRequest.
         * @deprecated Use swarm.v1.ListTasksRequest.$Properties instead.
         */
        interface IListTasksRequest extends swarm.v1.ListTasksRequest.$Properties {
        }

        /** ListTasksRequest filters tasks. */
        class ListTasksRequest {

            /**
             * Constructs a new ListTasksRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListTasksRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListTasksRequest.Filters;

            /**
             * Creates a new ListTasksRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListTasksRequest instance
             */
            static create(properties: swarm.v1.ListTasksRequest.$Shape): swarm.v1.ListTasksRequest & swarm.v1.ListTasksRequest.$Shape;
            static create(properties?: swarm.v1.ListTasksRequest.$Properties): swarm.v1.ListTasksRequest;

            /**
             * Encodes the specified ListTasksRequest message. Does not implicitly {@link swarm.v1.ListTasksRequest.verify|verify} messages.
             * @param message ListTasksRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListTasksRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListTasksRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListTasksRequest & swarm.v1.ListTasksRequest.$Shape} ListTasksRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListTasksRequest & swarm.v1.ListTasksRequest.$Shape;

            /**
             * Creates a ListTasksRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListTasksRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListTasksRequest;

            /**
             * Creates a plain object from a ListTasksRequest message. Also converts values to other types if specified.
             * @param message ListTasksRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListTasksRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListTasksRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListTasksRequest {

            /** Properties of a ListTasksRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListTasksRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListTasksRequest. */
            type $Shape = swarm.v1.ListTasksRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListTasksRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListTasksRequest.Filters.$Properties {
            }

            /** Task filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListTasksRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Task names ("<service>.<slot>" or full names). */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Task labels that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Service ids. */
                serviceIds: string[];

                /** Node ids. */
                nodeIds: string[];

                /** Desired states. */
                desiredStates: swarm.v1.TaskState[];

                /** Name prefixes. */
                namePrefixes: string[];

                /** Observed states. */
                states: swarm.v1.TaskState[];

                /** Slots (replicated services). */
                slots: number[];

                /** Return only tasks whose desired state is at most RUNNING. */
                upOnly: boolean;

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListTasksRequest.Filters.$Shape): swarm.v1.ListTasksRequest.Filters & swarm.v1.ListTasksRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListTasksRequest.Filters.$Properties): swarm.v1.ListTasksRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListTasksRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListTasksRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListTasksRequest.Filters & swarm.v1.ListTasksRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListTasksRequest.Filters & swarm.v1.ListTasksRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListTasksRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListTasksRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Task names ("<service>.<slot>" or full names). */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Task labels that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Service ids. */
                    serviceIds?: string[];

                    /** Node ids. */
                    nodeIds?: string[];

                    /** Desired states. */
                    desiredStates?: swarm.v1.TaskState[];

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Observed states. */
                    states?: swarm.v1.TaskState[];

                    /** Slots (replicated services). */
                    slots?: number[];

                    /** Return only tasks whose desired state is at most RUNNING. */
                    upOnly?: boolean;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListTasksRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListTasksResponse.
         * @deprecated Use swarm.v1.ListTasksResponse.$Properties instead.
         */
        interface IListTasksResponse extends swarm.v1.ListTasksResponse.$Properties {
        }

        /** ListTasksResponse carries matching tasks, ordered by service, slot and creation. */
        class ListTasksResponse {

            /**
             * Constructs a new ListTasksResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListTasksResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching tasks. */
            tasks: swarm.v1.Task[];

            /**
             * Creates a new ListTasksResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListTasksResponse instance
             */
            static create(properties: swarm.v1.ListTasksResponse.$Shape): swarm.v1.ListTasksResponse & swarm.v1.ListTasksResponse.$Shape;
            static create(properties?: swarm.v1.ListTasksResponse.$Properties): swarm.v1.ListTasksResponse;

            /**
             * Encodes the specified ListTasksResponse message. Does not implicitly {@link swarm.v1.ListTasksResponse.verify|verify} messages.
             * @param message ListTasksResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListTasksResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListTasksResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListTasksResponse & swarm.v1.ListTasksResponse.$Shape} ListTasksResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListTasksResponse & swarm.v1.ListTasksResponse.$Shape;

            /**
             * Creates a ListTasksResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListTasksResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListTasksResponse;

            /**
             * Creates a plain object from a ListTasksResponse message. Also converts values to other types if specified.
             * @param message ListTasksResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListTasksResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListTasksResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListTasksResponse {

            /** Properties of a ListTasksResponse. */
            interface $Properties {

                /** Matching tasks. */
                tasks?: swarm.v1.Task.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListTasksResponse. */
            type $Shape = {
              tasks?: swarm.v1.Task.$Shape[];
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a CreateServiceRequest.
         * @deprecated Use swarm.v1.CreateServiceRequest.$Properties instead.
         */
        interface ICreateServiceRequest extends swarm.v1.CreateServiceRequest.$Properties {
        }

        /** CreateServiceRequest carries a new service's spec. */
        class CreateServiceRequest {

            /**
             * Constructs a new CreateServiceRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateServiceRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Spec of the service; the name must be unique. */
            spec: swarm.v1.ServiceSpec;

            /**
             * Pin the image's tag to the digest the registry holds now (image:tag@sha256:…), as Docker's
             * QueryRegistry; an unreachable registry leaves the tag and adds a warning to the response.
             */
            queryRegistry: boolean;

            /**
             * Creates a new CreateServiceRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateServiceRequest instance
             */
            static create(properties: swarm.v1.CreateServiceRequest.$Shape): swarm.v1.CreateServiceRequest & swarm.v1.CreateServiceRequest.$Shape;
            static create(properties?: swarm.v1.CreateServiceRequest.$Properties): swarm.v1.CreateServiceRequest;

            /**
             * Encodes the specified CreateServiceRequest message. Does not implicitly {@link swarm.v1.CreateServiceRequest.verify|verify} messages.
             * @param message CreateServiceRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateServiceRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateServiceRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateServiceRequest & swarm.v1.CreateServiceRequest.$Shape} CreateServiceRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateServiceRequest & swarm.v1.CreateServiceRequest.$Shape;

            /**
             * Creates a CreateServiceRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateServiceRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateServiceRequest;

            /**
             * Creates a plain object from a CreateServiceRequest message. Also converts values to other types if specified.
             * @param message CreateServiceRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateServiceRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateServiceRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateServiceRequest {

            /** Properties of a CreateServiceRequest. */
            interface $Properties {

                /** Spec of the service; the name must be unique. */
                spec?: swarm.v1.ServiceSpec.$Properties;

                /**
                 * Pin the image's tag to the digest the registry holds now (image:tag@sha256:…), as Docker's
                 * QueryRegistry; an unreachable registry leaves the tag and adds a warning to the response.
                 */
                queryRegistry?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateServiceRequest. */
            type $Shape = {
              spec?: swarm.v1.ServiceSpec.$Shape;
              queryRegistry?: boolean;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a CreateServiceResponse.
         * @deprecated Use swarm.v1.CreateServiceResponse.$Properties instead.
         */
        interface ICreateServiceResponse extends swarm.v1.CreateServiceResponse.$Properties {
        }

        /** CreateServiceResponse carries the created service. */
        class CreateServiceResponse {

            /**
             * Constructs a new CreateServiceResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateServiceResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The service with its id and version. */
            service: swarm.v1.Service;

            /** What the operator should know, e.g. that the image could not be pinned to a digest. */
            warnings: string[];

            /**
             * Creates a new CreateServiceResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateServiceResponse instance
             */
            static create(properties: swarm.v1.CreateServiceResponse.$Shape): swarm.v1.CreateServiceResponse & swarm.v1.CreateServiceResponse.$Shape;
            static create(properties?: swarm.v1.CreateServiceResponse.$Properties): swarm.v1.CreateServiceResponse;

            /**
             * Encodes the specified CreateServiceResponse message. Does not implicitly {@link swarm.v1.CreateServiceResponse.verify|verify} messages.
             * @param message CreateServiceResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateServiceResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateServiceResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateServiceResponse & swarm.v1.CreateServiceResponse.$Shape} CreateServiceResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateServiceResponse & swarm.v1.CreateServiceResponse.$Shape;

            /**
             * Creates a CreateServiceResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateServiceResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateServiceResponse;

            /**
             * Creates a plain object from a CreateServiceResponse message. Also converts values to other types if specified.
             * @param message CreateServiceResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateServiceResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateServiceResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateServiceResponse {

            /** Properties of a CreateServiceResponse. */
            interface $Properties {

                /** The service with its id and version. */
                service?: swarm.v1.Service.$Properties;

                /** What the operator should know, e.g. that the image could not be pinned to a digest. */
                warnings?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateServiceResponse. */
            type $Shape = {
              service?: swarm.v1.Service.$Shape;
              warnings?: string[];
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a GetServiceRequest.
         * @deprecated Use swarm.v1.GetServiceRequest.$Properties instead.
         */
        interface IGetServiceRequest extends swarm.v1.GetServiceRequest.$Properties {
        }

        /** GetServiceRequest names a service. */
        class GetServiceRequest {

            /**
             * Constructs a new GetServiceRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetServiceRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id, unique id prefix or name. */
            serviceId: string;

            /** Fill unset spec fields with the defaults the managers apply. */
            insertDefaults: boolean;

            /**
             * Creates a new GetServiceRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetServiceRequest instance
             */
            static create(properties: swarm.v1.GetServiceRequest.$Shape): swarm.v1.GetServiceRequest & swarm.v1.GetServiceRequest.$Shape;
            static create(properties?: swarm.v1.GetServiceRequest.$Properties): swarm.v1.GetServiceRequest;

            /**
             * Encodes the specified GetServiceRequest message. Does not implicitly {@link swarm.v1.GetServiceRequest.verify|verify} messages.
             * @param message GetServiceRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetServiceRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetServiceRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetServiceRequest & swarm.v1.GetServiceRequest.$Shape} GetServiceRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetServiceRequest & swarm.v1.GetServiceRequest.$Shape;

            /**
             * Creates a GetServiceRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetServiceRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetServiceRequest;

            /**
             * Creates a plain object from a GetServiceRequest message. Also converts values to other types if specified.
             * @param message GetServiceRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetServiceRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetServiceRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetServiceRequest {

            /** Properties of a GetServiceRequest. */
            interface $Properties {

                /** Service id, unique id prefix or name. */
                serviceId?: string;

                /** Fill unset spec fields with the defaults the managers apply. */
                insertDefaults?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetServiceRequest. */
            type $Shape = swarm.v1.GetServiceRequest.$Properties;
        }

        /**
         * Properties of a GetServiceResponse.
         * @deprecated Use swarm.v1.GetServiceResponse.$Properties instead.
         */
        interface IGetServiceResponse extends swarm.v1.GetServiceResponse.$Properties {
        }

        /** GetServiceResponse carries one service. */
        class GetServiceResponse {

            /**
             * Constructs a new GetServiceResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetServiceResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The service. */
            service: swarm.v1.Service;

            /**
             * Creates a new GetServiceResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetServiceResponse instance
             */
            static create(properties: swarm.v1.GetServiceResponse.$Shape): swarm.v1.GetServiceResponse & swarm.v1.GetServiceResponse.$Shape;
            static create(properties?: swarm.v1.GetServiceResponse.$Properties): swarm.v1.GetServiceResponse;

            /**
             * Encodes the specified GetServiceResponse message. Does not implicitly {@link swarm.v1.GetServiceResponse.verify|verify} messages.
             * @param message GetServiceResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetServiceResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetServiceResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetServiceResponse & swarm.v1.GetServiceResponse.$Shape} GetServiceResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetServiceResponse & swarm.v1.GetServiceResponse.$Shape;

            /**
             * Creates a GetServiceResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetServiceResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetServiceResponse;

            /**
             * Creates a plain object from a GetServiceResponse message. Also converts values to other types if specified.
             * @param message GetServiceResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetServiceResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetServiceResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetServiceResponse {

            /** Properties of a GetServiceResponse. */
            interface $Properties {

                /** The service. */
                service?: swarm.v1.Service.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetServiceResponse. */
            type $Shape = {
              service?: swarm.v1.Service.$Shape;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of an UpdateServiceRequest.
         * @deprecated Use swarm.v1.UpdateServiceRequest.$Properties instead.
         */
        interface IUpdateServiceRequest extends swarm.v1.UpdateServiceRequest.$Properties {
        }

        /** UpdateServiceRequest changes a service. */
        class UpdateServiceRequest {

            /**
             * Constructs a new UpdateServiceRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateServiceRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id. */
            serviceId: string;

            /** Version the caller read; a different current version fails with FAILED_PRECONDITION. */
            serviceVersion: swarm.v1.Version;

            /** New spec (ignored for a rollback). */
            spec: swarm.v1.ServiceSpec;

            /** Whether this is a rollback. */
            rollback: swarm.v1.UpdateServiceRequest.Rollback;

            /** Pin the new spec's image tag to the registry's current digest (see CreateServiceRequest). */
            queryRegistry: boolean;

            /**
             * Creates a new UpdateServiceRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateServiceRequest instance
             */
            static create(properties: swarm.v1.UpdateServiceRequest.$Shape): swarm.v1.UpdateServiceRequest & swarm.v1.UpdateServiceRequest.$Shape;
            static create(properties?: swarm.v1.UpdateServiceRequest.$Properties): swarm.v1.UpdateServiceRequest;

            /**
             * Encodes the specified UpdateServiceRequest message. Does not implicitly {@link swarm.v1.UpdateServiceRequest.verify|verify} messages.
             * @param message UpdateServiceRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateServiceRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateServiceRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateServiceRequest & swarm.v1.UpdateServiceRequest.$Shape} UpdateServiceRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateServiceRequest & swarm.v1.UpdateServiceRequest.$Shape;

            /**
             * Creates an UpdateServiceRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateServiceRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateServiceRequest;

            /**
             * Creates a plain object from an UpdateServiceRequest message. Also converts values to other types if specified.
             * @param message UpdateServiceRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateServiceRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateServiceRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateServiceRequest {

            /** Properties of an UpdateServiceRequest. */
            interface $Properties {

                /** Service id. */
                serviceId?: string;

                /** Version the caller read; a different current version fails with FAILED_PRECONDITION. */
                serviceVersion?: swarm.v1.Version.$Properties;

                /** New spec (ignored for a rollback). */
                spec?: swarm.v1.ServiceSpec.$Properties;

                /** Whether this is a rollback. */
                rollback?: swarm.v1.UpdateServiceRequest.Rollback;

                /** Pin the new spec's image tag to the registry's current digest (see CreateServiceRequest). */
                queryRegistry?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateServiceRequest. */
            type $Shape = {
              serviceId?: string;
              serviceVersion?: swarm.v1.Version.$Shape;
              spec?: swarm.v1.ServiceSpec.$Shape;
              rollback?: swarm.v1.UpdateServiceRequest.Rollback;
              queryRegistry?: boolean;
              $unknowns?: Uint8Array[];
            };

            /** How the new spec is chosen. */
            enum Rollback {

                /** Use the spec in this request. */
                ROLLBACK_NONE = 0,

                /** Ignore the spec; restore the previous spec. */
                ROLLBACK_PREVIOUS = 1
            }
        }

        /**
         * Properties of an UpdateServiceResponse.
         * @deprecated Use swarm.v1.UpdateServiceResponse.$Properties instead.
         */
        interface IUpdateServiceResponse extends swarm.v1.UpdateServiceResponse.$Properties {
        }

        /** UpdateServiceResponse carries the updated service. */
        class UpdateServiceResponse {

            /**
             * Constructs a new UpdateServiceResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateServiceResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The service after the update. */
            service: swarm.v1.Service;

            /** What the operator should know, e.g. that the image could not be pinned to a digest. */
            warnings: string[];

            /**
             * Creates a new UpdateServiceResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateServiceResponse instance
             */
            static create(properties: swarm.v1.UpdateServiceResponse.$Shape): swarm.v1.UpdateServiceResponse & swarm.v1.UpdateServiceResponse.$Shape;
            static create(properties?: swarm.v1.UpdateServiceResponse.$Properties): swarm.v1.UpdateServiceResponse;

            /**
             * Encodes the specified UpdateServiceResponse message. Does not implicitly {@link swarm.v1.UpdateServiceResponse.verify|verify} messages.
             * @param message UpdateServiceResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateServiceResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateServiceResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateServiceResponse & swarm.v1.UpdateServiceResponse.$Shape} UpdateServiceResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateServiceResponse & swarm.v1.UpdateServiceResponse.$Shape;

            /**
             * Creates an UpdateServiceResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateServiceResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateServiceResponse;

            /**
             * Creates a plain object from an UpdateServiceResponse message. Also converts values to other types if specified.
             * @param message UpdateServiceResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateServiceResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateServiceResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateServiceResponse {

            /** Properties of an UpdateServiceResponse. */
            interface $Properties {

                /** The service after the update. */
                service?: swarm.v1.Service.$Properties;

                /** What the operator should know, e.g. that the image could not be pinned to a digest. */
                warnings?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateServiceResponse. */
            type $Shape = {
              service?: swarm.v1.Service.$Shape;
              warnings?: string[];
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a RemoveServiceRequest.
         * @deprecated Use swarm.v1.RemoveServiceRequest.$Properties instead.
         */
        interface IRemoveServiceRequest extends swarm.v1.RemoveServiceRequest.$Properties {
        }

        /** RemoveServiceRequest names a service to remove. */
        class RemoveServiceRequest {

            /**
             * Constructs a new RemoveServiceRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveServiceRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id. */
            serviceId: string;

            /**
             * Creates a new RemoveServiceRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveServiceRequest instance
             */
            static create(properties: swarm.v1.RemoveServiceRequest.$Shape): swarm.v1.RemoveServiceRequest & swarm.v1.RemoveServiceRequest.$Shape;
            static create(properties?: swarm.v1.RemoveServiceRequest.$Properties): swarm.v1.RemoveServiceRequest;

            /**
             * Encodes the specified RemoveServiceRequest message. Does not implicitly {@link swarm.v1.RemoveServiceRequest.verify|verify} messages.
             * @param message RemoveServiceRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveServiceRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveServiceRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveServiceRequest & swarm.v1.RemoveServiceRequest.$Shape} RemoveServiceRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveServiceRequest & swarm.v1.RemoveServiceRequest.$Shape;

            /**
             * Creates a RemoveServiceRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveServiceRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveServiceRequest;

            /**
             * Creates a plain object from a RemoveServiceRequest message. Also converts values to other types if specified.
             * @param message RemoveServiceRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveServiceRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveServiceRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveServiceRequest {

            /** Properties of a RemoveServiceRequest. */
            interface $Properties {

                /** Service id. */
                serviceId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveServiceRequest. */
            type $Shape = swarm.v1.RemoveServiceRequest.$Properties;
        }

        /**
         * Properties of a RemoveServiceResponse.
         * @deprecated Use swarm.v1.RemoveServiceResponse.$Properties instead.
         */
        interface IRemoveServiceResponse extends swarm.v1.RemoveServiceResponse.$Properties {
        }

        /** RemoveServiceResponse is empty. */
        class RemoveServiceResponse {

            /**
             * Constructs a new RemoveServiceResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveServiceResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new RemoveServiceResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveServiceResponse instance
             */
            static create(properties: swarm.v1.RemoveServiceResponse.$Shape): swarm.v1.RemoveServiceResponse & swarm.v1.RemoveServiceResponse.$Shape;
            static create(properties?: swarm.v1.RemoveServiceResponse.$Properties): swarm.v1.RemoveServiceResponse;

            /**
             * Encodes the specified RemoveServiceResponse message. Does not implicitly {@link swarm.v1.RemoveServiceResponse.verify|verify} messages.
             * @param message RemoveServiceResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveServiceResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveServiceResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveServiceResponse & swarm.v1.RemoveServiceResponse.$Shape} RemoveServiceResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveServiceResponse & swarm.v1.RemoveServiceResponse.$Shape;

            /**
             * Creates a RemoveServiceResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveServiceResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveServiceResponse;

            /**
             * Creates a plain object from a RemoveServiceResponse message. Also converts values to other types if specified.
             * @param message RemoveServiceResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveServiceResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveServiceResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveServiceResponse {

            /** Properties of a RemoveServiceResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveServiceResponse. */
            type $Shape = swarm.v1.RemoveServiceResponse.$Properties;
        }

        /**
         * Properties of a ListServicesRequest.
         * @deprecated Use swarm.v1.ListServicesRequest.$Properties instead.
         */
        interface IListServicesRequest extends swarm.v1.ListServicesRequest.$Properties {
        }

        /** ListServicesRequest filters services. */
        class ListServicesRequest {

            /**
             * Constructs a new ListServicesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListServicesRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListServicesRequest.Filters;

            /**
             * Creates a new ListServicesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListServicesRequest instance
             */
            static create(properties: swarm.v1.ListServicesRequest.$Shape): swarm.v1.ListServicesRequest & swarm.v1.ListServicesRequest.$Shape;
            static create(properties?: swarm.v1.ListServicesRequest.$Properties): swarm.v1.ListServicesRequest;

            /**
             * Encodes the specified ListServicesRequest message. Does not implicitly {@link swarm.v1.ListServicesRequest.verify|verify} messages.
             * @param message ListServicesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListServicesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListServicesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListServicesRequest & swarm.v1.ListServicesRequest.$Shape} ListServicesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListServicesRequest & swarm.v1.ListServicesRequest.$Shape;

            /**
             * Creates a ListServicesRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListServicesRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListServicesRequest;

            /**
             * Creates a plain object from a ListServicesRequest message. Also converts values to other types if specified.
             * @param message ListServicesRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListServicesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListServicesRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListServicesRequest {

            /** Properties of a ListServicesRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListServicesRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListServicesRequest. */
            type $Shape = swarm.v1.ListServicesRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListServicesRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListServicesRequest.Filters.$Properties {
            }

            /** Service filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListServicesRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exact names. */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Labels that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Name prefixes. */
                namePrefixes: string[];

                /** Modes: "replicated", "global", "replicated-job", "global-job". */
                modes: string[];

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListServicesRequest.Filters.$Shape): swarm.v1.ListServicesRequest.Filters & swarm.v1.ListServicesRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListServicesRequest.Filters.$Properties): swarm.v1.ListServicesRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListServicesRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListServicesRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListServicesRequest.Filters & swarm.v1.ListServicesRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListServicesRequest.Filters & swarm.v1.ListServicesRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListServicesRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListServicesRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Exact names. */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Labels that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Modes: "replicated", "global", "replicated-job", "global-job". */
                    modes?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListServicesRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListServicesResponse.
         * @deprecated Use swarm.v1.ListServicesResponse.$Properties instead.
         */
        interface IListServicesResponse extends swarm.v1.ListServicesResponse.$Properties {
        }

        /** ListServicesResponse carries matching services, ordered by name. */
        class ListServicesResponse {

            /**
             * Constructs a new ListServicesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListServicesResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching services. */
            services: swarm.v1.Service[];

            /**
             * Creates a new ListServicesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListServicesResponse instance
             */
            static create(properties: swarm.v1.ListServicesResponse.$Shape): swarm.v1.ListServicesResponse & swarm.v1.ListServicesResponse.$Shape;
            static create(properties?: swarm.v1.ListServicesResponse.$Properties): swarm.v1.ListServicesResponse;

            /**
             * Encodes the specified ListServicesResponse message. Does not implicitly {@link swarm.v1.ListServicesResponse.verify|verify} messages.
             * @param message ListServicesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListServicesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListServicesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListServicesResponse & swarm.v1.ListServicesResponse.$Shape} ListServicesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListServicesResponse & swarm.v1.ListServicesResponse.$Shape;

            /**
             * Creates a ListServicesResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListServicesResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListServicesResponse;

            /**
             * Creates a plain object from a ListServicesResponse message. Also converts values to other types if specified.
             * @param message ListServicesResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListServicesResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListServicesResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListServicesResponse {

            /** Properties of a ListServicesResponse. */
            interface $Properties {

                /** Matching services. */
                services?: swarm.v1.Service.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListServicesResponse. */
            type $Shape = {
              services?: swarm.v1.Service.$Shape[];
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a CreateSecretRequest.
         * @deprecated Use swarm.v1.CreateSecretRequest.$Properties instead.
         */
        interface ICreateSecretRequest extends swarm.v1.CreateSecretRequest.$Properties {
        }

        /** CreateSecretRequest carries a new secret. */
        class CreateSecretRequest {

            /**
             * Constructs a new CreateSecretRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateSecretRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name, labels and data (at most 500 KiB, as Docker allows). */
            spec: swarm.v1.SecretSpec;

            /**
             * Creates a new CreateSecretRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateSecretRequest instance
             */
            static create(properties: swarm.v1.CreateSecretRequest.$Shape): swarm.v1.CreateSecretRequest & swarm.v1.CreateSecretRequest.$Shape;
            static create(properties?: swarm.v1.CreateSecretRequest.$Properties): swarm.v1.CreateSecretRequest;

            /**
             * Encodes the specified CreateSecretRequest message. Does not implicitly {@link swarm.v1.CreateSecretRequest.verify|verify} messages.
             * @param message CreateSecretRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateSecretRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateSecretRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateSecretRequest & swarm.v1.CreateSecretRequest.$Shape} CreateSecretRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateSecretRequest & swarm.v1.CreateSecretRequest.$Shape;

            /**
             * Creates a CreateSecretRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateSecretRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateSecretRequest;

            /**
             * Creates a plain object from a CreateSecretRequest message. Also converts values to other types if specified.
             * @param message CreateSecretRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateSecretRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateSecretRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateSecretRequest {

            /** Properties of a CreateSecretRequest. */
            interface $Properties {

                /** Name, labels and data (at most 500 KiB, as Docker allows). */
                spec?: swarm.v1.SecretSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateSecretRequest. */
            type $Shape = swarm.v1.CreateSecretRequest.$Properties;
        }

        /**
         * Properties of a CreateSecretResponse.
         * @deprecated Use swarm.v1.CreateSecretResponse.$Properties instead.
         */
        interface ICreateSecretResponse extends swarm.v1.CreateSecretResponse.$Properties {
        }

        /** CreateSecretResponse carries the created secret, without data. */
        class CreateSecretResponse {

            /**
             * Constructs a new CreateSecretResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateSecretResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The secret. */
            secret: swarm.v1.Secret;

            /**
             * Creates a new CreateSecretResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateSecretResponse instance
             */
            static create(properties: swarm.v1.CreateSecretResponse.$Shape): swarm.v1.CreateSecretResponse & swarm.v1.CreateSecretResponse.$Shape;
            static create(properties?: swarm.v1.CreateSecretResponse.$Properties): swarm.v1.CreateSecretResponse;

            /**
             * Encodes the specified CreateSecretResponse message. Does not implicitly {@link swarm.v1.CreateSecretResponse.verify|verify} messages.
             * @param message CreateSecretResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateSecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateSecretResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateSecretResponse & swarm.v1.CreateSecretResponse.$Shape} CreateSecretResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateSecretResponse & swarm.v1.CreateSecretResponse.$Shape;

            /**
             * Creates a CreateSecretResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateSecretResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateSecretResponse;

            /**
             * Creates a plain object from a CreateSecretResponse message. Also converts values to other types if specified.
             * @param message CreateSecretResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateSecretResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateSecretResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateSecretResponse {

            /** Properties of a CreateSecretResponse. */
            interface $Properties {

                /** The secret. */
                secret?: swarm.v1.Secret.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateSecretResponse. */
            type $Shape = swarm.v1.CreateSecretResponse.$Properties;
        }

        /**
         * Properties of a GetSecretRequest.
         * @deprecated Use swarm.v1.GetSecretRequest.$Properties instead.
         */
        interface IGetSecretRequest extends swarm.v1.GetSecretRequest.$Properties {
        }

        /** GetSecretRequest names a secret. */
        class GetSecretRequest {

            /**
             * Constructs a new GetSecretRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetSecretRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Secret id, unique id prefix or name. */
            secretId: string;

            /**
             * Creates a new GetSecretRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetSecretRequest instance
             */
            static create(properties: swarm.v1.GetSecretRequest.$Shape): swarm.v1.GetSecretRequest & swarm.v1.GetSecretRequest.$Shape;
            static create(properties?: swarm.v1.GetSecretRequest.$Properties): swarm.v1.GetSecretRequest;

            /**
             * Encodes the specified GetSecretRequest message. Does not implicitly {@link swarm.v1.GetSecretRequest.verify|verify} messages.
             * @param message GetSecretRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetSecretRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetSecretRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetSecretRequest & swarm.v1.GetSecretRequest.$Shape} GetSecretRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetSecretRequest & swarm.v1.GetSecretRequest.$Shape;

            /**
             * Creates a GetSecretRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetSecretRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetSecretRequest;

            /**
             * Creates a plain object from a GetSecretRequest message. Also converts values to other types if specified.
             * @param message GetSecretRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetSecretRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetSecretRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetSecretRequest {

            /** Properties of a GetSecretRequest. */
            interface $Properties {

                /** Secret id, unique id prefix or name. */
                secretId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetSecretRequest. */
            type $Shape = swarm.v1.GetSecretRequest.$Properties;
        }

        /**
         * Properties of a GetSecretResponse.
         * @deprecated Use swarm.v1.GetSecretResponse.$Properties instead.
         */
        interface IGetSecretResponse extends swarm.v1.GetSecretResponse.$Properties {
        }

        /** GetSecretResponse carries one secret, without data. */
        class GetSecretResponse {

            /**
             * Constructs a new GetSecretResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetSecretResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The secret. */
            secret: swarm.v1.Secret;

            /**
             * Creates a new GetSecretResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetSecretResponse instance
             */
            static create(properties: swarm.v1.GetSecretResponse.$Shape): swarm.v1.GetSecretResponse & swarm.v1.GetSecretResponse.$Shape;
            static create(properties?: swarm.v1.GetSecretResponse.$Properties): swarm.v1.GetSecretResponse;

            /**
             * Encodes the specified GetSecretResponse message. Does not implicitly {@link swarm.v1.GetSecretResponse.verify|verify} messages.
             * @param message GetSecretResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetSecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetSecretResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetSecretResponse & swarm.v1.GetSecretResponse.$Shape} GetSecretResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetSecretResponse & swarm.v1.GetSecretResponse.$Shape;

            /**
             * Creates a GetSecretResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetSecretResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetSecretResponse;

            /**
             * Creates a plain object from a GetSecretResponse message. Also converts values to other types if specified.
             * @param message GetSecretResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetSecretResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetSecretResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetSecretResponse {

            /** Properties of a GetSecretResponse. */
            interface $Properties {

                /** The secret. */
                secret?: swarm.v1.Secret.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetSecretResponse. */
            type $Shape = swarm.v1.GetSecretResponse.$Properties;
        }

        /**
         * Properties of an UpdateSecretRequest.
         * @deprecated Use swarm.v1.UpdateSecretRequest.$Properties instead.
         */
        interface IUpdateSecretRequest extends swarm.v1.UpdateSecretRequest.$Properties {
        }

        /** UpdateSecretRequest changes a secret's labels. */
        class UpdateSecretRequest {

            /**
             * Constructs a new UpdateSecretRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateSecretRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Secret id. */
            secretId: string;

            /** Version the caller read. */
            secretVersion: swarm.v1.Version;

            /** New spec; its data must be empty or equal to the stored data. */
            spec: swarm.v1.SecretSpec;

            /**
             * Creates a new UpdateSecretRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateSecretRequest instance
             */
            static create(properties: swarm.v1.UpdateSecretRequest.$Shape): swarm.v1.UpdateSecretRequest & swarm.v1.UpdateSecretRequest.$Shape;
            static create(properties?: swarm.v1.UpdateSecretRequest.$Properties): swarm.v1.UpdateSecretRequest;

            /**
             * Encodes the specified UpdateSecretRequest message. Does not implicitly {@link swarm.v1.UpdateSecretRequest.verify|verify} messages.
             * @param message UpdateSecretRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateSecretRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateSecretRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateSecretRequest & swarm.v1.UpdateSecretRequest.$Shape} UpdateSecretRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateSecretRequest & swarm.v1.UpdateSecretRequest.$Shape;

            /**
             * Creates an UpdateSecretRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateSecretRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateSecretRequest;

            /**
             * Creates a plain object from an UpdateSecretRequest message. Also converts values to other types if specified.
             * @param message UpdateSecretRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateSecretRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateSecretRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateSecretRequest {

            /** Properties of an UpdateSecretRequest. */
            interface $Properties {

                /** Secret id. */
                secretId?: string;

                /** Version the caller read. */
                secretVersion?: swarm.v1.Version.$Properties;

                /** New spec; its data must be empty or equal to the stored data. */
                spec?: swarm.v1.SecretSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateSecretRequest. */
            type $Shape = swarm.v1.UpdateSecretRequest.$Properties;
        }

        /**
         * Properties of an UpdateSecretResponse.
         * @deprecated Use swarm.v1.UpdateSecretResponse.$Properties instead.
         */
        interface IUpdateSecretResponse extends swarm.v1.UpdateSecretResponse.$Properties {
        }

        /** UpdateSecretResponse carries the updated secret, without data. */
        class UpdateSecretResponse {

            /**
             * Constructs a new UpdateSecretResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateSecretResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The secret. */
            secret: swarm.v1.Secret;

            /**
             * Creates a new UpdateSecretResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateSecretResponse instance
             */
            static create(properties: swarm.v1.UpdateSecretResponse.$Shape): swarm.v1.UpdateSecretResponse & swarm.v1.UpdateSecretResponse.$Shape;
            static create(properties?: swarm.v1.UpdateSecretResponse.$Properties): swarm.v1.UpdateSecretResponse;

            /**
             * Encodes the specified UpdateSecretResponse message. Does not implicitly {@link swarm.v1.UpdateSecretResponse.verify|verify} messages.
             * @param message UpdateSecretResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateSecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateSecretResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateSecretResponse & swarm.v1.UpdateSecretResponse.$Shape} UpdateSecretResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateSecretResponse & swarm.v1.UpdateSecretResponse.$Shape;

            /**
             * Creates an UpdateSecretResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateSecretResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateSecretResponse;

            /**
             * Creates a plain object from an UpdateSecretResponse message. Also converts values to other types if specified.
             * @param message UpdateSecretResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateSecretResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateSecretResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateSecretResponse {

            /** Properties of an UpdateSecretResponse. */
            interface $Properties {

                /** The secret. */
                secret?: swarm.v1.Secret.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateSecretResponse. */
            type $Shape = swarm.v1.UpdateSecretResponse.$Properties;
        }

        /**
         * Properties of a RemoveSecretRequest.
         * @deprecated Use swarm.v1.RemoveSecretRequest.$Properties instead.
         */
        interface IRemoveSecretRequest extends swarm.v1.RemoveSecretRequest.$Properties {
        }

        /** RemoveSecretRequest names a secret to remove. */
        class RemoveSecretRequest {

            /**
             * Constructs a new RemoveSecretRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveSecretRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Secret id. */
            secretId: string;

            /**
             * Creates a new RemoveSecretRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveSecretRequest instance
             */
            static create(properties: swarm.v1.RemoveSecretRequest.$Shape): swarm.v1.RemoveSecretRequest & swarm.v1.RemoveSecretRequest.$Shape;
            static create(properties?: swarm.v1.RemoveSecretRequest.$Properties): swarm.v1.RemoveSecretRequest;

            /**
             * Encodes the specified RemoveSecretRequest message. Does not implicitly {@link swarm.v1.RemoveSecretRequest.verify|verify} messages.
             * @param message RemoveSecretRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveSecretRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveSecretRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveSecretRequest & swarm.v1.RemoveSecretRequest.$Shape} RemoveSecretRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveSecretRequest & swarm.v1.RemoveSecretRequest.$Shape;

            /**
             * Creates a RemoveSecretRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveSecretRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveSecretRequest;

            /**
             * Creates a plain object from a RemoveSecretRequest message. Also converts values to other types if specified.
             * @param message RemoveSecretRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveSecretRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveSecretRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveSecretRequest {

            /** Properties of a RemoveSecretRequest. */
            interface $Properties {

                /** Secret id. */
                secretId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveSecretRequest. */
            type $Shape = swarm.v1.RemoveSecretRequest.$Properties;
        }

        /**
         * Properties of a RemoveSecretResponse.
         * @deprecated Use swarm.v1.RemoveSecretResponse.$Properties instead.
         */
        interface IRemoveSecretResponse extends swarm.v1.RemoveSecretResponse.$Properties {
        }

        /** RemoveSecretResponse is empty. */
        class RemoveSecretResponse {

            /**
             * Constructs a new RemoveSecretResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveSecretResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new RemoveSecretResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveSecretResponse instance
             */
            static create(properties: swarm.v1.RemoveSecretResponse.$Shape): swarm.v1.RemoveSecretResponse & swarm.v1.RemoveSecretResponse.$Shape;
            static create(properties?: swarm.v1.RemoveSecretResponse.$Properties): swarm.v1.RemoveSecretResponse;

            /**
             * Encodes the specified RemoveSecretResponse message. Does not implicitly {@link swarm.v1.RemoveSecretResponse.verify|verify} messages.
             * @param message RemoveSecretResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveSecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveSecretResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveSecretResponse & swarm.v1.RemoveSecretResponse.$Shape} RemoveSecretResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveSecretResponse & swarm.v1.RemoveSecretResponse.$Shape;

            /**
             * Creates a RemoveSecretResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveSecretResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveSecretResponse;

            /**
             * Creates a plain object from a RemoveSecretResponse message. Also converts values to other types if specified.
             * @param message RemoveSecretResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveSecretResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveSecretResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveSecretResponse {

            /** Properties of a RemoveSecretResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveSecretResponse. */
            type $Shape = swarm.v1.RemoveSecretResponse.$Properties;
        }

        /**
         * Properties of a ListSecretsRequest.
         * @deprecated Use swarm.v1.ListSecretsRequest.$Properties instead.
         */
        interface IListSecretsRequest extends swarm.v1.ListSecretsRequest.$Properties {
        }

        /** ListSecretsRequest filters secrets. */
        class ListSecretsRequest {

            /**
             * Constructs a new ListSecretsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListSecretsRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListSecretsRequest.Filters;

            /**
             * Creates a new ListSecretsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListSecretsRequest instance
             */
            static create(properties: swarm.v1.ListSecretsRequest.$Shape): swarm.v1.ListSecretsRequest & swarm.v1.ListSecretsRequest.$Shape;
            static create(properties?: swarm.v1.ListSecretsRequest.$Properties): swarm.v1.ListSecretsRequest;

            /**
             * Encodes the specified ListSecretsRequest message. Does not implicitly {@link swarm.v1.ListSecretsRequest.verify|verify} messages.
             * @param message ListSecretsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListSecretsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListSecretsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListSecretsRequest & swarm.v1.ListSecretsRequest.$Shape} ListSecretsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListSecretsRequest & swarm.v1.ListSecretsRequest.$Shape;

            /**
             * Creates a ListSecretsRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListSecretsRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListSecretsRequest;

            /**
             * Creates a plain object from a ListSecretsRequest message. Also converts values to other types if specified.
             * @param message ListSecretsRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListSecretsRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListSecretsRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListSecretsRequest {

            /** Properties of a ListSecretsRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListSecretsRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListSecretsRequest. */
            type $Shape = swarm.v1.ListSecretsRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListSecretsRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListSecretsRequest.Filters.$Properties {
            }

            /** Secret filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListSecretsRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exact names. */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Labels that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Name prefixes. */
                namePrefixes: string[];

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListSecretsRequest.Filters.$Shape): swarm.v1.ListSecretsRequest.Filters & swarm.v1.ListSecretsRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListSecretsRequest.Filters.$Properties): swarm.v1.ListSecretsRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListSecretsRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListSecretsRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListSecretsRequest.Filters & swarm.v1.ListSecretsRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListSecretsRequest.Filters & swarm.v1.ListSecretsRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListSecretsRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListSecretsRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Exact names. */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Labels that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListSecretsRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListSecretsResponse.
         * @deprecated Use swarm.v1.ListSecretsResponse.$Properties instead.
         */
        interface IListSecretsResponse extends swarm.v1.ListSecretsResponse.$Properties {
        }

        /** ListSecretsResponse carries matching secrets, without data, ordered by name. */
        class ListSecretsResponse {

            /**
             * Constructs a new ListSecretsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListSecretsResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching secrets. */
            secrets: swarm.v1.Secret[];

            /**
             * Creates a new ListSecretsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListSecretsResponse instance
             */
            static create(properties: swarm.v1.ListSecretsResponse.$Shape): swarm.v1.ListSecretsResponse & swarm.v1.ListSecretsResponse.$Shape;
            static create(properties?: swarm.v1.ListSecretsResponse.$Properties): swarm.v1.ListSecretsResponse;

            /**
             * Encodes the specified ListSecretsResponse message. Does not implicitly {@link swarm.v1.ListSecretsResponse.verify|verify} messages.
             * @param message ListSecretsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListSecretsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListSecretsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListSecretsResponse & swarm.v1.ListSecretsResponse.$Shape} ListSecretsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListSecretsResponse & swarm.v1.ListSecretsResponse.$Shape;

            /**
             * Creates a ListSecretsResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListSecretsResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListSecretsResponse;

            /**
             * Creates a plain object from a ListSecretsResponse message. Also converts values to other types if specified.
             * @param message ListSecretsResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListSecretsResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListSecretsResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListSecretsResponse {

            /** Properties of a ListSecretsResponse. */
            interface $Properties {

                /** Matching secrets. */
                secrets?: swarm.v1.Secret.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListSecretsResponse. */
            type $Shape = swarm.v1.ListSecretsResponse.$Properties;
        }

        /**
         * Properties of a CreateConfigRequest.
         * @deprecated Use swarm.v1.CreateConfigRequest.$Properties instead.
         */
        interface ICreateConfigRequest extends swarm.v1.CreateConfigRequest.$Properties {
        }

        /** CreateConfigRequest carries a new config. */
        class CreateConfigRequest {

            /**
             * Constructs a new CreateConfigRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateConfigRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Name, labels and data (at most 1000 KiB). */
            spec: swarm.v1.ConfigSpec;

            /**
             * Creates a new CreateConfigRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateConfigRequest instance
             */
            static create(properties: swarm.v1.CreateConfigRequest.$Shape): swarm.v1.CreateConfigRequest & swarm.v1.CreateConfigRequest.$Shape;
            static create(properties?: swarm.v1.CreateConfigRequest.$Properties): swarm.v1.CreateConfigRequest;

            /**
             * Encodes the specified CreateConfigRequest message. Does not implicitly {@link swarm.v1.CreateConfigRequest.verify|verify} messages.
             * @param message CreateConfigRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateConfigRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateConfigRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateConfigRequest & swarm.v1.CreateConfigRequest.$Shape} CreateConfigRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateConfigRequest & swarm.v1.CreateConfigRequest.$Shape;

            /**
             * Creates a CreateConfigRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateConfigRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateConfigRequest;

            /**
             * Creates a plain object from a CreateConfigRequest message. Also converts values to other types if specified.
             * @param message CreateConfigRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateConfigRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateConfigRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateConfigRequest {

            /** Properties of a CreateConfigRequest. */
            interface $Properties {

                /** Name, labels and data (at most 1000 KiB). */
                spec?: swarm.v1.ConfigSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateConfigRequest. */
            type $Shape = swarm.v1.CreateConfigRequest.$Properties;
        }

        /**
         * Properties of a CreateConfigResponse.
         * @deprecated Use swarm.v1.CreateConfigResponse.$Properties instead.
         */
        interface ICreateConfigResponse extends swarm.v1.CreateConfigResponse.$Properties {
        }

        /** CreateConfigResponse carries the created config. */
        class CreateConfigResponse {

            /**
             * Constructs a new CreateConfigResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateConfigResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The config. */
            config: swarm.v1.Config;

            /**
             * Creates a new CreateConfigResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateConfigResponse instance
             */
            static create(properties: swarm.v1.CreateConfigResponse.$Shape): swarm.v1.CreateConfigResponse & swarm.v1.CreateConfigResponse.$Shape;
            static create(properties?: swarm.v1.CreateConfigResponse.$Properties): swarm.v1.CreateConfigResponse;

            /**
             * Encodes the specified CreateConfigResponse message. Does not implicitly {@link swarm.v1.CreateConfigResponse.verify|verify} messages.
             * @param message CreateConfigResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateConfigResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateConfigResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateConfigResponse & swarm.v1.CreateConfigResponse.$Shape} CreateConfigResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateConfigResponse & swarm.v1.CreateConfigResponse.$Shape;

            /**
             * Creates a CreateConfigResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateConfigResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateConfigResponse;

            /**
             * Creates a plain object from a CreateConfigResponse message. Also converts values to other types if specified.
             * @param message CreateConfigResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateConfigResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateConfigResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateConfigResponse {

            /** Properties of a CreateConfigResponse. */
            interface $Properties {

                /** The config. */
                config?: swarm.v1.Config.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateConfigResponse. */
            type $Shape = swarm.v1.CreateConfigResponse.$Properties;
        }

        /**
         * Properties of a GetConfigRequest.
         * @deprecated Use swarm.v1.GetConfigRequest.$Properties instead.
         */
        interface IGetConfigRequest extends swarm.v1.GetConfigRequest.$Properties {
        }

        /** GetConfigRequest names a config. */
        class GetConfigRequest {

            /**
             * Constructs a new GetConfigRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetConfigRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Config id, unique id prefix or name. */
            configId: string;

            /**
             * Creates a new GetConfigRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetConfigRequest instance
             */
            static create(properties: swarm.v1.GetConfigRequest.$Shape): swarm.v1.GetConfigRequest & swarm.v1.GetConfigRequest.$Shape;
            static create(properties?: swarm.v1.GetConfigRequest.$Properties): swarm.v1.GetConfigRequest;

            /**
             * Encodes the specified GetConfigRequest message. Does not implicitly {@link swarm.v1.GetConfigRequest.verify|verify} messages.
             * @param message GetConfigRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetConfigRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetConfigRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetConfigRequest & swarm.v1.GetConfigRequest.$Shape} GetConfigRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetConfigRequest & swarm.v1.GetConfigRequest.$Shape;

            /**
             * Creates a GetConfigRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetConfigRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetConfigRequest;

            /**
             * Creates a plain object from a GetConfigRequest message. Also converts values to other types if specified.
             * @param message GetConfigRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetConfigRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetConfigRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetConfigRequest {

            /** Properties of a GetConfigRequest. */
            interface $Properties {

                /** Config id, unique id prefix or name. */
                configId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetConfigRequest. */
            type $Shape = swarm.v1.GetConfigRequest.$Properties;
        }

        /**
         * Properties of a GetConfigResponse.
         * @deprecated Use swarm.v1.GetConfigResponse.$Properties instead.
         */
        interface IGetConfigResponse extends swarm.v1.GetConfigResponse.$Properties {
        }

        /** GetConfigResponse carries one config. */
        class GetConfigResponse {

            /**
             * Constructs a new GetConfigResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetConfigResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The config. */
            config: swarm.v1.Config;

            /**
             * Creates a new GetConfigResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetConfigResponse instance
             */
            static create(properties: swarm.v1.GetConfigResponse.$Shape): swarm.v1.GetConfigResponse & swarm.v1.GetConfigResponse.$Shape;
            static create(properties?: swarm.v1.GetConfigResponse.$Properties): swarm.v1.GetConfigResponse;

            /**
             * Encodes the specified GetConfigResponse message. Does not implicitly {@link swarm.v1.GetConfigResponse.verify|verify} messages.
             * @param message GetConfigResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetConfigResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetConfigResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetConfigResponse & swarm.v1.GetConfigResponse.$Shape} GetConfigResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetConfigResponse & swarm.v1.GetConfigResponse.$Shape;

            /**
             * Creates a GetConfigResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetConfigResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetConfigResponse;

            /**
             * Creates a plain object from a GetConfigResponse message. Also converts values to other types if specified.
             * @param message GetConfigResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetConfigResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetConfigResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetConfigResponse {

            /** Properties of a GetConfigResponse. */
            interface $Properties {

                /** The config. */
                config?: swarm.v1.Config.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetConfigResponse. */
            type $Shape = swarm.v1.GetConfigResponse.$Properties;
        }

        /**
         * Properties of an UpdateConfigRequest.
         * @deprecated Use swarm.v1.UpdateConfigRequest.$Properties instead.
         */
        interface IUpdateConfigRequest extends swarm.v1.UpdateConfigRequest.$Properties {
        }

        /** UpdateConfigRequest changes a config's labels. */
        class UpdateConfigRequest {

            /**
             * Constructs a new UpdateConfigRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateConfigRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Config id. */
            configId: string;

            /** Version the caller read. */
            configVersion: swarm.v1.Version;

            /** New spec; its data must equal the stored data. */
            spec: swarm.v1.ConfigSpec;

            /**
             * Creates a new UpdateConfigRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateConfigRequest instance
             */
            static create(properties: swarm.v1.UpdateConfigRequest.$Shape): swarm.v1.UpdateConfigRequest & swarm.v1.UpdateConfigRequest.$Shape;
            static create(properties?: swarm.v1.UpdateConfigRequest.$Properties): swarm.v1.UpdateConfigRequest;

            /**
             * Encodes the specified UpdateConfigRequest message. Does not implicitly {@link swarm.v1.UpdateConfigRequest.verify|verify} messages.
             * @param message UpdateConfigRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateConfigRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateConfigRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateConfigRequest & swarm.v1.UpdateConfigRequest.$Shape} UpdateConfigRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateConfigRequest & swarm.v1.UpdateConfigRequest.$Shape;

            /**
             * Creates an UpdateConfigRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateConfigRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateConfigRequest;

            /**
             * Creates a plain object from an UpdateConfigRequest message. Also converts values to other types if specified.
             * @param message UpdateConfigRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateConfigRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateConfigRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateConfigRequest {

            /** Properties of an UpdateConfigRequest. */
            interface $Properties {

                /** Config id. */
                configId?: string;

                /** Version the caller read. */
                configVersion?: swarm.v1.Version.$Properties;

                /** New spec; its data must equal the stored data. */
                spec?: swarm.v1.ConfigSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateConfigRequest. */
            type $Shape = swarm.v1.UpdateConfigRequest.$Properties;
        }

        /**
         * Properties of an UpdateConfigResponse.
         * @deprecated Use swarm.v1.UpdateConfigResponse.$Properties instead.
         */
        interface IUpdateConfigResponse extends swarm.v1.UpdateConfigResponse.$Properties {
        }

        /** UpdateConfigResponse carries the updated config. */
        class UpdateConfigResponse {

            /**
             * Constructs a new UpdateConfigResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateConfigResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The config. */
            config: swarm.v1.Config;

            /**
             * Creates a new UpdateConfigResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateConfigResponse instance
             */
            static create(properties: swarm.v1.UpdateConfigResponse.$Shape): swarm.v1.UpdateConfigResponse & swarm.v1.UpdateConfigResponse.$Shape;
            static create(properties?: swarm.v1.UpdateConfigResponse.$Properties): swarm.v1.UpdateConfigResponse;

            /**
             * Encodes the specified UpdateConfigResponse message. Does not implicitly {@link swarm.v1.UpdateConfigResponse.verify|verify} messages.
             * @param message UpdateConfigResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateConfigResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateConfigResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateConfigResponse & swarm.v1.UpdateConfigResponse.$Shape} UpdateConfigResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateConfigResponse & swarm.v1.UpdateConfigResponse.$Shape;

            /**
             * Creates an UpdateConfigResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateConfigResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateConfigResponse;

            /**
             * Creates a plain object from an UpdateConfigResponse message. Also converts values to other types if specified.
             * @param message UpdateConfigResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateConfigResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateConfigResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateConfigResponse {

            /** Properties of an UpdateConfigResponse. */
            interface $Properties {

                /** The config. */
                config?: swarm.v1.Config.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateConfigResponse. */
            type $Shape = swarm.v1.UpdateConfigResponse.$Properties;
        }

        /**
         * Properties of a RemoveConfigRequest.
         * @deprecated Use swarm.v1.RemoveConfigRequest.$Properties instead.
         */
        interface IRemoveConfigRequest extends swarm.v1.RemoveConfigRequest.$Properties {
        }

        /** RemoveConfigRequest names a config to remove. */
        class RemoveConfigRequest {

            /**
             * Constructs a new RemoveConfigRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveConfigRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Config id. */
            configId: string;

            /**
             * Creates a new RemoveConfigRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveConfigRequest instance
             */
            static create(properties: swarm.v1.RemoveConfigRequest.$Shape): swarm.v1.RemoveConfigRequest & swarm.v1.RemoveConfigRequest.$Shape;
            static create(properties?: swarm.v1.RemoveConfigRequest.$Properties): swarm.v1.RemoveConfigRequest;

            /**
             * Encodes the specified RemoveConfigRequest message. Does not implicitly {@link swarm.v1.RemoveConfigRequest.verify|verify} messages.
             * @param message RemoveConfigRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveConfigRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveConfigRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveConfigRequest & swarm.v1.RemoveConfigRequest.$Shape} RemoveConfigRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveConfigRequest & swarm.v1.RemoveConfigRequest.$Shape;

            /**
             * Creates a RemoveConfigRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveConfigRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveConfigRequest;

            /**
             * Creates a plain object from a RemoveConfigRequest message. Also converts values to other types if specified.
             * @param message RemoveConfigRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveConfigRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveConfigRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveConfigRequest {

            /** Properties of a RemoveConfigRequest. */
            interface $Properties {

                /** Config id. */
                configId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveConfigRequest. */
            type $Shape = swarm.v1.RemoveConfigRequest.$Properties;
        }

        /**
         * Properties of a RemoveConfigResponse.
         * @deprecated Use swarm.v1.RemoveConfigResponse.$Properties instead.
         */
        interface IRemoveConfigResponse extends swarm.v1.RemoveConfigResponse.$Properties {
        }

        /** RemoveConfigResponse is empty. */
        class RemoveConfigResponse {

            /**
             * Constructs a new RemoveConfigResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveConfigResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new RemoveConfigResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveConfigResponse instance
             */
            static create(properties: swarm.v1.RemoveConfigResponse.$Shape): swarm.v1.RemoveConfigResponse & swarm.v1.RemoveConfigResponse.$Shape;
            static create(properties?: swarm.v1.RemoveConfigResponse.$Properties): swarm.v1.RemoveConfigResponse;

            /**
             * Encodes the specified RemoveConfigResponse message. Does not implicitly {@link swarm.v1.RemoveConfigResponse.verify|verify} messages.
             * @param message RemoveConfigResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveConfigResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveConfigResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveConfigResponse & swarm.v1.RemoveConfigResponse.$Shape} RemoveConfigResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveConfigResponse & swarm.v1.RemoveConfigResponse.$Shape;

            /**
             * Creates a RemoveConfigResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveConfigResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveConfigResponse;

            /**
             * Creates a plain object from a RemoveConfigResponse message. Also converts values to other types if specified.
             * @param message RemoveConfigResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveConfigResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveConfigResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveConfigResponse {

            /** Properties of a RemoveConfigResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveConfigResponse. */
            type $Shape = swarm.v1.RemoveConfigResponse.$Properties;
        }

        /**
         * Properties of a ListConfigsRequest.
         * @deprecated Use swarm.v1.ListConfigsRequest.$Properties instead.
         */
        interface IListConfigsRequest extends swarm.v1.ListConfigsRequest.$Properties {
        }

        /** ListConfigsRequest filters configs. */
        class ListConfigsRequest {

            /**
             * Constructs a new ListConfigsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListConfigsRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListConfigsRequest.Filters;

            /**
             * Creates a new ListConfigsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListConfigsRequest instance
             */
            static create(properties: swarm.v1.ListConfigsRequest.$Shape): swarm.v1.ListConfigsRequest & swarm.v1.ListConfigsRequest.$Shape;
            static create(properties?: swarm.v1.ListConfigsRequest.$Properties): swarm.v1.ListConfigsRequest;

            /**
             * Encodes the specified ListConfigsRequest message. Does not implicitly {@link swarm.v1.ListConfigsRequest.verify|verify} messages.
             * @param message ListConfigsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListConfigsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListConfigsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListConfigsRequest & swarm.v1.ListConfigsRequest.$Shape} ListConfigsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListConfigsRequest & swarm.v1.ListConfigsRequest.$Shape;

            /**
             * Creates a ListConfigsRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListConfigsRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListConfigsRequest;

            /**
             * Creates a plain object from a ListConfigsRequest message. Also converts values to other types if specified.
             * @param message ListConfigsRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListConfigsRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListConfigsRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListConfigsRequest {

            /** Properties of a ListConfigsRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListConfigsRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListConfigsRequest. */
            type $Shape = swarm.v1.ListConfigsRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListConfigsRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListConfigsRequest.Filters.$Properties {
            }

            /** Config filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListConfigsRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exact names. */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Labels that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Name prefixes. */
                namePrefixes: string[];

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListConfigsRequest.Filters.$Shape): swarm.v1.ListConfigsRequest.Filters & swarm.v1.ListConfigsRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListConfigsRequest.Filters.$Properties): swarm.v1.ListConfigsRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListConfigsRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListConfigsRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListConfigsRequest.Filters & swarm.v1.ListConfigsRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListConfigsRequest.Filters & swarm.v1.ListConfigsRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListConfigsRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListConfigsRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Exact names. */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Labels that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListConfigsRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListConfigsResponse.
         * @deprecated Use swarm.v1.ListConfigsResponse.$Properties instead.
         */
        interface IListConfigsResponse extends swarm.v1.ListConfigsResponse.$Properties {
        }

        /** ListConfigsResponse carries matching configs, ordered by name. */
        class ListConfigsResponse {

            /**
             * Constructs a new ListConfigsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListConfigsResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching configs. */
            configs: swarm.v1.Config[];

            /**
             * Creates a new ListConfigsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListConfigsResponse instance
             */
            static create(properties: swarm.v1.ListConfigsResponse.$Shape): swarm.v1.ListConfigsResponse & swarm.v1.ListConfigsResponse.$Shape;
            static create(properties?: swarm.v1.ListConfigsResponse.$Properties): swarm.v1.ListConfigsResponse;

            /**
             * Encodes the specified ListConfigsResponse message. Does not implicitly {@link swarm.v1.ListConfigsResponse.verify|verify} messages.
             * @param message ListConfigsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListConfigsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListConfigsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListConfigsResponse & swarm.v1.ListConfigsResponse.$Shape} ListConfigsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListConfigsResponse & swarm.v1.ListConfigsResponse.$Shape;

            /**
             * Creates a ListConfigsResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListConfigsResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListConfigsResponse;

            /**
             * Creates a plain object from a ListConfigsResponse message. Also converts values to other types if specified.
             * @param message ListConfigsResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListConfigsResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListConfigsResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListConfigsResponse {

            /** Properties of a ListConfigsResponse. */
            interface $Properties {

                /** Matching configs. */
                configs?: swarm.v1.Config.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListConfigsResponse. */
            type $Shape = swarm.v1.ListConfigsResponse.$Properties;
        }

        /**
         * Properties of a CreateNetworkRequest.
         * @deprecated Use swarm.v1.CreateNetworkRequest.$Properties instead.
         */
        interface ICreateNetworkRequest extends swarm.v1.CreateNetworkRequest.$Properties {
        }

        /** CreateNetworkRequest carries a new network. */
        class CreateNetworkRequest {

            /**
             * Constructs a new CreateNetworkRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateNetworkRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Spec of the network; the name must be unique. */
            spec: swarm.v1.NetworkSpec;

            /**
             * Creates a new CreateNetworkRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateNetworkRequest instance
             */
            static create(properties: swarm.v1.CreateNetworkRequest.$Shape): swarm.v1.CreateNetworkRequest & swarm.v1.CreateNetworkRequest.$Shape;
            static create(properties?: swarm.v1.CreateNetworkRequest.$Properties): swarm.v1.CreateNetworkRequest;

            /**
             * Encodes the specified CreateNetworkRequest message. Does not implicitly {@link swarm.v1.CreateNetworkRequest.verify|verify} messages.
             * @param message CreateNetworkRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateNetworkRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateNetworkRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateNetworkRequest & swarm.v1.CreateNetworkRequest.$Shape} CreateNetworkRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateNetworkRequest & swarm.v1.CreateNetworkRequest.$Shape;

            /**
             * Creates a CreateNetworkRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateNetworkRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateNetworkRequest;

            /**
             * Creates a plain object from a CreateNetworkRequest message. Also converts values to other types if specified.
             * @param message CreateNetworkRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateNetworkRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateNetworkRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateNetworkRequest {

            /** Properties of a CreateNetworkRequest. */
            interface $Properties {

                /** Spec of the network; the name must be unique. */
                spec?: swarm.v1.NetworkSpec.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateNetworkRequest. */
            type $Shape = swarm.v1.CreateNetworkRequest.$Properties;
        }

        /**
         * Properties of a CreateNetworkResponse.
         * @deprecated Use swarm.v1.CreateNetworkResponse.$Properties instead.
         */
        interface ICreateNetworkResponse extends swarm.v1.CreateNetworkResponse.$Properties {
        }

        /** CreateNetworkResponse carries the created network. */
        class CreateNetworkResponse {

            /**
             * Constructs a new CreateNetworkResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.CreateNetworkResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The network. */
            network: swarm.v1.Network;

            /**
             * Creates a new CreateNetworkResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CreateNetworkResponse instance
             */
            static create(properties: swarm.v1.CreateNetworkResponse.$Shape): swarm.v1.CreateNetworkResponse & swarm.v1.CreateNetworkResponse.$Shape;
            static create(properties?: swarm.v1.CreateNetworkResponse.$Properties): swarm.v1.CreateNetworkResponse;

            /**
             * Encodes the specified CreateNetworkResponse message. Does not implicitly {@link swarm.v1.CreateNetworkResponse.verify|verify} messages.
             * @param message CreateNetworkResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.CreateNetworkResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CreateNetworkResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.CreateNetworkResponse & swarm.v1.CreateNetworkResponse.$Shape} CreateNetworkResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.CreateNetworkResponse & swarm.v1.CreateNetworkResponse.$Shape;

            /**
             * Creates a CreateNetworkResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CreateNetworkResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.CreateNetworkResponse;

            /**
             * Creates a plain object from a CreateNetworkResponse message. Also converts values to other types if specified.
             * @param message CreateNetworkResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.CreateNetworkResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CreateNetworkResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CreateNetworkResponse {

            /** Properties of a CreateNetworkResponse. */
            interface $Properties {

                /** The network. */
                network?: swarm.v1.Network.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CreateNetworkResponse. */
            type $Shape = swarm.v1.CreateNetworkResponse.$Properties;
        }

        /**
         * Properties of a GetNetworkRequest.
         * @deprecated Use swarm.v1.GetNetworkRequest.$Properties instead.
         */
        interface IGetNetworkRequest extends swarm.v1.GetNetworkRequest.$Properties {
        }

        /** GetNetworkRequest names a network. */
        class GetNetworkRequest {

            /**
             * Constructs a new GetNetworkRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetNetworkRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network id, unique id prefix or name. */
            networkId: string;

            /**
             * Creates a new GetNetworkRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetNetworkRequest instance
             */
            static create(properties: swarm.v1.GetNetworkRequest.$Shape): swarm.v1.GetNetworkRequest & swarm.v1.GetNetworkRequest.$Shape;
            static create(properties?: swarm.v1.GetNetworkRequest.$Properties): swarm.v1.GetNetworkRequest;

            /**
             * Encodes the specified GetNetworkRequest message. Does not implicitly {@link swarm.v1.GetNetworkRequest.verify|verify} messages.
             * @param message GetNetworkRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetNetworkRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetNetworkRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetNetworkRequest & swarm.v1.GetNetworkRequest.$Shape} GetNetworkRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetNetworkRequest & swarm.v1.GetNetworkRequest.$Shape;

            /**
             * Creates a GetNetworkRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetNetworkRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetNetworkRequest;

            /**
             * Creates a plain object from a GetNetworkRequest message. Also converts values to other types if specified.
             * @param message GetNetworkRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetNetworkRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetNetworkRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetNetworkRequest {

            /** Properties of a GetNetworkRequest. */
            interface $Properties {

                /** Network id, unique id prefix or name. */
                networkId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetNetworkRequest. */
            type $Shape = swarm.v1.GetNetworkRequest.$Properties;
        }

        /**
         * Properties of a GetNetworkResponse.
         * @deprecated Use swarm.v1.GetNetworkResponse.$Properties instead.
         */
        interface IGetNetworkResponse extends swarm.v1.GetNetworkResponse.$Properties {
        }

        /** GetNetworkResponse carries one network. */
        class GetNetworkResponse {

            /**
             * Constructs a new GetNetworkResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetNetworkResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The network. */
            network: swarm.v1.Network;

            /**
             * Creates a new GetNetworkResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetNetworkResponse instance
             */
            static create(properties: swarm.v1.GetNetworkResponse.$Shape): swarm.v1.GetNetworkResponse & swarm.v1.GetNetworkResponse.$Shape;
            static create(properties?: swarm.v1.GetNetworkResponse.$Properties): swarm.v1.GetNetworkResponse;

            /**
             * Encodes the specified GetNetworkResponse message. Does not implicitly {@link swarm.v1.GetNetworkResponse.verify|verify} messages.
             * @param message GetNetworkResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetNetworkResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetNetworkResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetNetworkResponse & swarm.v1.GetNetworkResponse.$Shape} GetNetworkResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetNetworkResponse & swarm.v1.GetNetworkResponse.$Shape;

            /**
             * Creates a GetNetworkResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetNetworkResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetNetworkResponse;

            /**
             * Creates a plain object from a GetNetworkResponse message. Also converts values to other types if specified.
             * @param message GetNetworkResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetNetworkResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetNetworkResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetNetworkResponse {

            /** Properties of a GetNetworkResponse. */
            interface $Properties {

                /** The network. */
                network?: swarm.v1.Network.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetNetworkResponse. */
            type $Shape = swarm.v1.GetNetworkResponse.$Properties;
        }

        /**
         * Properties of a RemoveNetworkRequest.
         * @deprecated Use swarm.v1.RemoveNetworkRequest.$Properties instead.
         */
        interface IRemoveNetworkRequest extends swarm.v1.RemoveNetworkRequest.$Properties {
        }

        /** RemoveNetworkRequest names a network to remove. */
        class RemoveNetworkRequest {

            /**
             * Constructs a new RemoveNetworkRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveNetworkRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network id. */
            networkId: string;

            /**
             * Creates a new RemoveNetworkRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveNetworkRequest instance
             */
            static create(properties: swarm.v1.RemoveNetworkRequest.$Shape): swarm.v1.RemoveNetworkRequest & swarm.v1.RemoveNetworkRequest.$Shape;
            static create(properties?: swarm.v1.RemoveNetworkRequest.$Properties): swarm.v1.RemoveNetworkRequest;

            /**
             * Encodes the specified RemoveNetworkRequest message. Does not implicitly {@link swarm.v1.RemoveNetworkRequest.verify|verify} messages.
             * @param message RemoveNetworkRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveNetworkRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveNetworkRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveNetworkRequest & swarm.v1.RemoveNetworkRequest.$Shape} RemoveNetworkRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveNetworkRequest & swarm.v1.RemoveNetworkRequest.$Shape;

            /**
             * Creates a RemoveNetworkRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveNetworkRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveNetworkRequest;

            /**
             * Creates a plain object from a RemoveNetworkRequest message. Also converts values to other types if specified.
             * @param message RemoveNetworkRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveNetworkRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveNetworkRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveNetworkRequest {

            /** Properties of a RemoveNetworkRequest. */
            interface $Properties {

                /** Network id. */
                networkId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveNetworkRequest. */
            type $Shape = swarm.v1.RemoveNetworkRequest.$Properties;
        }

        /**
         * Properties of a RemoveNetworkResponse.
         * @deprecated Use swarm.v1.RemoveNetworkResponse.$Properties instead.
         */
        interface IRemoveNetworkResponse extends swarm.v1.RemoveNetworkResponse.$Properties {
        }

        /** RemoveNetworkResponse is empty. */
        class RemoveNetworkResponse {

            /**
             * Constructs a new RemoveNetworkResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RemoveNetworkResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new RemoveNetworkResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemoveNetworkResponse instance
             */
            static create(properties: swarm.v1.RemoveNetworkResponse.$Shape): swarm.v1.RemoveNetworkResponse & swarm.v1.RemoveNetworkResponse.$Shape;
            static create(properties?: swarm.v1.RemoveNetworkResponse.$Properties): swarm.v1.RemoveNetworkResponse;

            /**
             * Encodes the specified RemoveNetworkResponse message. Does not implicitly {@link swarm.v1.RemoveNetworkResponse.verify|verify} messages.
             * @param message RemoveNetworkResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RemoveNetworkResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemoveNetworkResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RemoveNetworkResponse & swarm.v1.RemoveNetworkResponse.$Shape} RemoveNetworkResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RemoveNetworkResponse & swarm.v1.RemoveNetworkResponse.$Shape;

            /**
             * Creates a RemoveNetworkResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemoveNetworkResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RemoveNetworkResponse;

            /**
             * Creates a plain object from a RemoveNetworkResponse message. Also converts values to other types if specified.
             * @param message RemoveNetworkResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RemoveNetworkResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemoveNetworkResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RemoveNetworkResponse {

            /** Properties of a RemoveNetworkResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemoveNetworkResponse. */
            type $Shape = swarm.v1.RemoveNetworkResponse.$Properties;
        }

        /**
         * Properties of a ListNetworksRequest.
         * @deprecated Use swarm.v1.ListNetworksRequest.$Properties instead.
         */
        interface IListNetworksRequest extends swarm.v1.ListNetworksRequest.$Properties {
        }

        /** ListNetworksRequest filters networks. */
        class ListNetworksRequest {

            /**
             * Constructs a new ListNetworksRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListNetworksRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListNetworksRequest.Filters;

            /**
             * Creates a new ListNetworksRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListNetworksRequest instance
             */
            static create(properties: swarm.v1.ListNetworksRequest.$Shape): swarm.v1.ListNetworksRequest & swarm.v1.ListNetworksRequest.$Shape;
            static create(properties?: swarm.v1.ListNetworksRequest.$Properties): swarm.v1.ListNetworksRequest;

            /**
             * Encodes the specified ListNetworksRequest message. Does not implicitly {@link swarm.v1.ListNetworksRequest.verify|verify} messages.
             * @param message ListNetworksRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListNetworksRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListNetworksRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListNetworksRequest & swarm.v1.ListNetworksRequest.$Shape} ListNetworksRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListNetworksRequest & swarm.v1.ListNetworksRequest.$Shape;

            /**
             * Creates a ListNetworksRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListNetworksRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListNetworksRequest;

            /**
             * Creates a plain object from a ListNetworksRequest message. Also converts values to other types if specified.
             * @param message ListNetworksRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListNetworksRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListNetworksRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListNetworksRequest {

            /** Properties of a ListNetworksRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListNetworksRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListNetworksRequest. */
            type $Shape = swarm.v1.ListNetworksRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListNetworksRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListNetworksRequest.Filters.$Properties {
            }

            /** Network filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListNetworksRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exact names. */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Labels that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Name prefixes. */
                namePrefixes: string[];

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListNetworksRequest.Filters.$Shape): swarm.v1.ListNetworksRequest.Filters & swarm.v1.ListNetworksRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListNetworksRequest.Filters.$Properties): swarm.v1.ListNetworksRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListNetworksRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListNetworksRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListNetworksRequest.Filters & swarm.v1.ListNetworksRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListNetworksRequest.Filters & swarm.v1.ListNetworksRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListNetworksRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListNetworksRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Exact names. */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Labels that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListNetworksRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListNetworksResponse.
         * @deprecated Use swarm.v1.ListNetworksResponse.$Properties instead.
         */
        interface IListNetworksResponse extends swarm.v1.ListNetworksResponse.$Properties {
        }

        /** ListNetworksResponse carries matching networks, ordered by name. */
        class ListNetworksResponse {

            /**
             * Constructs a new ListNetworksResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListNetworksResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching networks. */
            networks: swarm.v1.Network[];

            /**
             * Creates a new ListNetworksResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListNetworksResponse instance
             */
            static create(properties: swarm.v1.ListNetworksResponse.$Shape): swarm.v1.ListNetworksResponse & swarm.v1.ListNetworksResponse.$Shape;
            static create(properties?: swarm.v1.ListNetworksResponse.$Properties): swarm.v1.ListNetworksResponse;

            /**
             * Encodes the specified ListNetworksResponse message. Does not implicitly {@link swarm.v1.ListNetworksResponse.verify|verify} messages.
             * @param message ListNetworksResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListNetworksResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListNetworksResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListNetworksResponse & swarm.v1.ListNetworksResponse.$Shape} ListNetworksResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListNetworksResponse & swarm.v1.ListNetworksResponse.$Shape;

            /**
             * Creates a ListNetworksResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListNetworksResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListNetworksResponse;

            /**
             * Creates a plain object from a ListNetworksResponse message. Also converts values to other types if specified.
             * @param message ListNetworksResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListNetworksResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListNetworksResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListNetworksResponse {

            /** Properties of a ListNetworksResponse. */
            interface $Properties {

                /** Matching networks. */
                networks?: swarm.v1.Network.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListNetworksResponse. */
            type $Shape = swarm.v1.ListNetworksResponse.$Properties;
        }

        /**
         * Properties of a GetClusterRequest.
         * @deprecated Use swarm.v1.GetClusterRequest.$Properties instead.
         */
        interface IGetClusterRequest extends swarm.v1.GetClusterRequest.$Properties {
        }

        /** GetClusterRequest names the cluster. */
        class GetClusterRequest {

            /**
             * Constructs a new GetClusterRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetClusterRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Cluster id or name ("default"). */
            clusterId: string;

            /**
             * Creates a new GetClusterRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetClusterRequest instance
             */
            static create(properties: swarm.v1.GetClusterRequest.$Shape): swarm.v1.GetClusterRequest & swarm.v1.GetClusterRequest.$Shape;
            static create(properties?: swarm.v1.GetClusterRequest.$Properties): swarm.v1.GetClusterRequest;

            /**
             * Encodes the specified GetClusterRequest message. Does not implicitly {@link swarm.v1.GetClusterRequest.verify|verify} messages.
             * @param message GetClusterRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetClusterRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetClusterRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetClusterRequest & swarm.v1.GetClusterRequest.$Shape} GetClusterRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetClusterRequest & swarm.v1.GetClusterRequest.$Shape;

            /**
             * Creates a GetClusterRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetClusterRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetClusterRequest;

            /**
             * Creates a plain object from a GetClusterRequest message. Also converts values to other types if specified.
             * @param message GetClusterRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetClusterRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetClusterRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetClusterRequest {

            /** Properties of a GetClusterRequest. */
            interface $Properties {

                /** Cluster id or name ("default"). */
                clusterId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetClusterRequest. */
            type $Shape = swarm.v1.GetClusterRequest.$Properties;
        }

        /**
         * Properties of a GetClusterResponse.
         * @deprecated Use swarm.v1.GetClusterResponse.$Properties instead.
         */
        interface IGetClusterResponse extends swarm.v1.GetClusterResponse.$Properties {
        }

        /** GetClusterResponse carries the cluster, without secrets other than the join tokens. */
        class GetClusterResponse {

            /**
             * Constructs a new GetClusterResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetClusterResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The cluster. */
            cluster: swarm.v1.Cluster;

            /**
             * Creates a new GetClusterResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetClusterResponse instance
             */
            static create(properties: swarm.v1.GetClusterResponse.$Shape): swarm.v1.GetClusterResponse & swarm.v1.GetClusterResponse.$Shape;
            static create(properties?: swarm.v1.GetClusterResponse.$Properties): swarm.v1.GetClusterResponse;

            /**
             * Encodes the specified GetClusterResponse message. Does not implicitly {@link swarm.v1.GetClusterResponse.verify|verify} messages.
             * @param message GetClusterResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetClusterResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetClusterResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetClusterResponse & swarm.v1.GetClusterResponse.$Shape} GetClusterResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetClusterResponse & swarm.v1.GetClusterResponse.$Shape;

            /**
             * Creates a GetClusterResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetClusterResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetClusterResponse;

            /**
             * Creates a plain object from a GetClusterResponse message. Also converts values to other types if specified.
             * @param message GetClusterResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetClusterResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetClusterResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetClusterResponse {

            /** Properties of a GetClusterResponse. */
            interface $Properties {

                /** The cluster. */
                cluster?: swarm.v1.Cluster.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetClusterResponse. */
            type $Shape = swarm.v1.GetClusterResponse.$Properties;
        }

        /**
         * Properties of a ListClustersRequest.
         * @deprecated Use swarm.v1.ListClustersRequest.$Properties instead.
         */
        interface IListClustersRequest extends swarm.v1.ListClustersRequest.$Properties {
        }

        /** ListClustersRequest filters clusters. */
        class ListClustersRequest {

            /**
             * Constructs a new ListClustersRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListClustersRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters to apply; absent lists all. */
            filters: swarm.v1.ListClustersRequest.Filters;

            /**
             * Creates a new ListClustersRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListClustersRequest instance
             */
            static create(properties: swarm.v1.ListClustersRequest.$Shape): swarm.v1.ListClustersRequest & swarm.v1.ListClustersRequest.$Shape;
            static create(properties?: swarm.v1.ListClustersRequest.$Properties): swarm.v1.ListClustersRequest;

            /**
             * Encodes the specified ListClustersRequest message. Does not implicitly {@link swarm.v1.ListClustersRequest.verify|verify} messages.
             * @param message ListClustersRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListClustersRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListClustersRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListClustersRequest & swarm.v1.ListClustersRequest.$Shape} ListClustersRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListClustersRequest & swarm.v1.ListClustersRequest.$Shape;

            /**
             * Creates a ListClustersRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListClustersRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListClustersRequest;

            /**
             * Creates a plain object from a ListClustersRequest message. Also converts values to other types if specified.
             * @param message ListClustersRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListClustersRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListClustersRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListClustersRequest {

            /** Properties of a ListClustersRequest. */
            interface $Properties {

                /** Filters to apply; absent lists all. */
                filters?: swarm.v1.ListClustersRequest.Filters.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListClustersRequest. */
            type $Shape = swarm.v1.ListClustersRequest.$Properties;

            /**
             * Properties of a Filters.
             * @deprecated Use swarm.v1.ListClustersRequest.Filters.$Properties instead.
             */
            interface IFilters extends swarm.v1.ListClustersRequest.Filters.$Properties {
            }

            /** Cluster filters. */
            class Filters {

                /**
                 * Constructs a new Filters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: swarm.v1.ListClustersRequest.Filters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exact names. */
                names: string[];

                /** Id prefixes. */
                idPrefixes: string[];

                /** Labels that must match; an empty value matches any value. */
                labels: { [k: string]: string };

                /** Name prefixes. */
                namePrefixes: string[];

                /**
                 * Creates a new Filters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Filters instance
                 */
                static create(properties: swarm.v1.ListClustersRequest.Filters.$Shape): swarm.v1.ListClustersRequest.Filters & swarm.v1.ListClustersRequest.Filters.$Shape;
                static create(properties?: swarm.v1.ListClustersRequest.Filters.$Properties): swarm.v1.ListClustersRequest.Filters;

                /**
                 * Encodes the specified Filters message. Does not implicitly {@link swarm.v1.ListClustersRequest.Filters.verify|verify} messages.
                 * @param message Filters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: swarm.v1.ListClustersRequest.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Filters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {swarm.v1.ListClustersRequest.Filters & swarm.v1.ListClustersRequest.Filters.$Shape} Filters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListClustersRequest.Filters & swarm.v1.ListClustersRequest.Filters.$Shape;

                /**
                 * Creates a Filters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Filters
                 */
                static fromObject(object: { [k: string]: any }): swarm.v1.ListClustersRequest.Filters;

                /**
                 * Creates a plain object from a Filters message. Also converts values to other types if specified.
                 * @param message Filters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: swarm.v1.ListClustersRequest.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Filters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Filters {

                /** Properties of a Filters. */
                interface $Properties {

                    /** Exact names. */
                    names?: string[];

                    /** Id prefixes. */
                    idPrefixes?: string[];

                    /** Labels that must match; an empty value matches any value. */
                    labels?: { [k: string]: string };

                    /** Name prefixes. */
                    namePrefixes?: string[];

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Filters. */
                type $Shape = swarm.v1.ListClustersRequest.Filters.$Properties;
            }
        }

        /**
         * Properties of a ListClustersResponse.
         * @deprecated Use swarm.v1.ListClustersResponse.$Properties instead.
         */
        interface IListClustersResponse extends swarm.v1.ListClustersResponse.$Properties {
        }

        /** ListClustersResponse carries matching clusters. */
        class ListClustersResponse {

            /**
             * Constructs a new ListClustersResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListClustersResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Matching clusters. */
            clusters: swarm.v1.Cluster[];

            /**
             * Creates a new ListClustersResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListClustersResponse instance
             */
            static create(properties: swarm.v1.ListClustersResponse.$Shape): swarm.v1.ListClustersResponse & swarm.v1.ListClustersResponse.$Shape;
            static create(properties?: swarm.v1.ListClustersResponse.$Properties): swarm.v1.ListClustersResponse;

            /**
             * Encodes the specified ListClustersResponse message. Does not implicitly {@link swarm.v1.ListClustersResponse.verify|verify} messages.
             * @param message ListClustersResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListClustersResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListClustersResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListClustersResponse & swarm.v1.ListClustersResponse.$Shape} ListClustersResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListClustersResponse & swarm.v1.ListClustersResponse.$Shape;

            /**
             * Creates a ListClustersResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListClustersResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListClustersResponse;

            /**
             * Creates a plain object from a ListClustersResponse message. Also converts values to other types if specified.
             * @param message ListClustersResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListClustersResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListClustersResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListClustersResponse {

            /** Properties of a ListClustersResponse. */
            interface $Properties {

                /** Matching clusters. */
                clusters?: swarm.v1.Cluster.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListClustersResponse. */
            type $Shape = swarm.v1.ListClustersResponse.$Properties;
        }

        /**
         * Properties of a KeyRotation.
         * @deprecated Use swarm.v1.KeyRotation.$Properties instead.
         */
        interface IKeyRotation extends swarm.v1.KeyRotation.$Properties {
        }

        /** KeyRotation asks for fresh credentials as part of a cluster update. */
        class KeyRotation {

            /**
             * Constructs a new KeyRotation.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.KeyRotation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Replace the worker join token; the old one stops admitting nodes. */
            workerJoinToken: boolean;

            /** Replace the manager join token. */
            managerJoinToken: boolean;

            /** Replace the unlock key. */
            managerUnlockKey: boolean;

            /**
             * Creates a new KeyRotation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KeyRotation instance
             */
            static create(properties: swarm.v1.KeyRotation.$Shape): swarm.v1.KeyRotation & swarm.v1.KeyRotation.$Shape;
            static create(properties?: swarm.v1.KeyRotation.$Properties): swarm.v1.KeyRotation;

            /**
             * Encodes the specified KeyRotation message. Does not implicitly {@link swarm.v1.KeyRotation.verify|verify} messages.
             * @param message KeyRotation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.KeyRotation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KeyRotation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.KeyRotation & swarm.v1.KeyRotation.$Shape} KeyRotation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.KeyRotation & swarm.v1.KeyRotation.$Shape;

            /**
             * Creates a KeyRotation message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns KeyRotation
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.KeyRotation;

            /**
             * Creates a plain object from a KeyRotation message. Also converts values to other types if specified.
             * @param message KeyRotation
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.KeyRotation, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KeyRotation to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace KeyRotation {

            /** Properties of a KeyRotation. */
            interface $Properties {

                /** Replace the worker join token; the old one stops admitting nodes. */
                workerJoinToken?: boolean;

                /** Replace the manager join token. */
                managerJoinToken?: boolean;

                /** Replace the unlock key. */
                managerUnlockKey?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KeyRotation. */
            type $Shape = swarm.v1.KeyRotation.$Properties;
        }

        /**
         * Properties of an UpdateClusterRequest.
         * @deprecated Use swarm.v1.UpdateClusterRequest.$Properties instead.
         */
        interface IUpdateClusterRequest extends swarm.v1.UpdateClusterRequest.$Properties {
        }

        /** UpdateClusterRequest changes the cluster spec and rotates credentials. */
        class UpdateClusterRequest {

            /**
             * Constructs a new UpdateClusterRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateClusterRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Cluster id. */
            clusterId: string;

            /** Version the caller read. */
            clusterVersion: swarm.v1.Version;

            /** New spec. */
            spec: swarm.v1.ClusterSpec;

            /** Credentials to rotate in the same write. */
            rotation: swarm.v1.KeyRotation;

            /**
             * Creates a new UpdateClusterRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateClusterRequest instance
             */
            static create(properties: swarm.v1.UpdateClusterRequest.$Shape): swarm.v1.UpdateClusterRequest & swarm.v1.UpdateClusterRequest.$Shape;
            static create(properties?: swarm.v1.UpdateClusterRequest.$Properties): swarm.v1.UpdateClusterRequest;

            /**
             * Encodes the specified UpdateClusterRequest message. Does not implicitly {@link swarm.v1.UpdateClusterRequest.verify|verify} messages.
             * @param message UpdateClusterRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateClusterRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateClusterRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateClusterRequest & swarm.v1.UpdateClusterRequest.$Shape} UpdateClusterRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateClusterRequest & swarm.v1.UpdateClusterRequest.$Shape;

            /**
             * Creates an UpdateClusterRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateClusterRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateClusterRequest;

            /**
             * Creates a plain object from an UpdateClusterRequest message. Also converts values to other types if specified.
             * @param message UpdateClusterRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateClusterRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateClusterRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateClusterRequest {

            /** Properties of an UpdateClusterRequest. */
            interface $Properties {

                /** Cluster id. */
                clusterId?: string;

                /** Version the caller read. */
                clusterVersion?: swarm.v1.Version.$Properties;

                /** New spec. */
                spec?: swarm.v1.ClusterSpec.$Properties;

                /** Credentials to rotate in the same write. */
                rotation?: swarm.v1.KeyRotation.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateClusterRequest. */
            type $Shape = swarm.v1.UpdateClusterRequest.$Properties;
        }

        /**
         * Properties of an UpdateClusterResponse.
         * @deprecated Use swarm.v1.UpdateClusterResponse.$Properties instead.
         */
        interface IUpdateClusterResponse extends swarm.v1.UpdateClusterResponse.$Properties {
        }

        /** UpdateClusterResponse carries the updated cluster. */
        class UpdateClusterResponse {

            /**
             * Constructs a new UpdateClusterResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateClusterResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The cluster, with new join tokens if they were rotated. */
            cluster: swarm.v1.Cluster;

            /**
             * Creates a new UpdateClusterResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateClusterResponse instance
             */
            static create(properties: swarm.v1.UpdateClusterResponse.$Shape): swarm.v1.UpdateClusterResponse & swarm.v1.UpdateClusterResponse.$Shape;
            static create(properties?: swarm.v1.UpdateClusterResponse.$Properties): swarm.v1.UpdateClusterResponse;

            /**
             * Encodes the specified UpdateClusterResponse message. Does not implicitly {@link swarm.v1.UpdateClusterResponse.verify|verify} messages.
             * @param message UpdateClusterResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateClusterResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateClusterResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateClusterResponse & swarm.v1.UpdateClusterResponse.$Shape} UpdateClusterResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateClusterResponse & swarm.v1.UpdateClusterResponse.$Shape;

            /**
             * Creates an UpdateClusterResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateClusterResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateClusterResponse;

            /**
             * Creates a plain object from an UpdateClusterResponse message. Also converts values to other types if specified.
             * @param message UpdateClusterResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateClusterResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateClusterResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateClusterResponse {

            /** Properties of an UpdateClusterResponse. */
            interface $Properties {

                /** The cluster, with new join tokens if they were rotated. */
                cluster?: swarm.v1.Cluster.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateClusterResponse. */
            type $Shape = swarm.v1.UpdateClusterResponse.$Properties;
        }

        /**
         * Properties of a GetUnlockKeyRequest.
         * @deprecated Use swarm.v1.GetUnlockKeyRequest.$Properties instead.
         */
        interface IGetUnlockKeyRequest extends swarm.v1.GetUnlockKeyRequest.$Properties {
        }

        /** GetUnlockKeyRequest is empty. */
        class GetUnlockKeyRequest {

            /**
             * Constructs a new GetUnlockKeyRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetUnlockKeyRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new GetUnlockKeyRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetUnlockKeyRequest instance
             */
            static create(properties: swarm.v1.GetUnlockKeyRequest.$Shape): swarm.v1.GetUnlockKeyRequest & swarm.v1.GetUnlockKeyRequest.$Shape;
            static create(properties?: swarm.v1.GetUnlockKeyRequest.$Properties): swarm.v1.GetUnlockKeyRequest;

            /**
             * Encodes the specified GetUnlockKeyRequest message. Does not implicitly {@link swarm.v1.GetUnlockKeyRequest.verify|verify} messages.
             * @param message GetUnlockKeyRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetUnlockKeyRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetUnlockKeyRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetUnlockKeyRequest & swarm.v1.GetUnlockKeyRequest.$Shape} GetUnlockKeyRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetUnlockKeyRequest & swarm.v1.GetUnlockKeyRequest.$Shape;

            /**
             * Creates a GetUnlockKeyRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetUnlockKeyRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetUnlockKeyRequest;

            /**
             * Creates a plain object from a GetUnlockKeyRequest message. Also converts values to other types if specified.
             * @param message GetUnlockKeyRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetUnlockKeyRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetUnlockKeyRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetUnlockKeyRequest {

            /** Properties of a GetUnlockKeyRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetUnlockKeyRequest. */
            type $Shape = swarm.v1.GetUnlockKeyRequest.$Properties;
        }

        /**
         * Properties of a GetUnlockKeyResponse.
         * @deprecated Use swarm.v1.GetUnlockKeyResponse.$Properties instead.
         */
        interface IGetUnlockKeyResponse extends swarm.v1.GetUnlockKeyResponse.$Properties {
        }

        /** GetUnlockKeyResponse carries the unlock key. */
        class GetUnlockKeyResponse {

            /**
             * Constructs a new GetUnlockKeyResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetUnlockKeyResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Human-readable unlock key, "SWMKEY-1-..."; empty when autolock is off. */
            unlockKey: string;

            /** Cluster version the key belongs to. */
            version: swarm.v1.Version;

            /**
             * Creates a new GetUnlockKeyResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetUnlockKeyResponse instance
             */
            static create(properties: swarm.v1.GetUnlockKeyResponse.$Shape): swarm.v1.GetUnlockKeyResponse & swarm.v1.GetUnlockKeyResponse.$Shape;
            static create(properties?: swarm.v1.GetUnlockKeyResponse.$Properties): swarm.v1.GetUnlockKeyResponse;

            /**
             * Encodes the specified GetUnlockKeyResponse message. Does not implicitly {@link swarm.v1.GetUnlockKeyResponse.verify|verify} messages.
             * @param message GetUnlockKeyResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetUnlockKeyResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetUnlockKeyResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetUnlockKeyResponse & swarm.v1.GetUnlockKeyResponse.$Shape} GetUnlockKeyResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetUnlockKeyResponse & swarm.v1.GetUnlockKeyResponse.$Shape;

            /**
             * Creates a GetUnlockKeyResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetUnlockKeyResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetUnlockKeyResponse;

            /**
             * Creates a plain object from a GetUnlockKeyResponse message. Also converts values to other types if specified.
             * @param message GetUnlockKeyResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetUnlockKeyResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetUnlockKeyResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetUnlockKeyResponse {

            /** Properties of a GetUnlockKeyResponse. */
            interface $Properties {

                /** Human-readable unlock key, "SWMKEY-1-..."; empty when autolock is off. */
                unlockKey?: string;

                /** Cluster version the key belongs to. */
                version?: swarm.v1.Version.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetUnlockKeyResponse. */
            type $Shape = swarm.v1.GetUnlockKeyResponse.$Properties;
        }

        /**
         * Properties of an UnlockRequest.
         * @deprecated Use swarm.v1.UnlockRequest.$Properties instead.
         */
        interface IUnlockRequest extends swarm.v1.UnlockRequest.$Properties {
        }

        /** UnlockRequest carries the unlock key for a locked manager. */
        class UnlockRequest {

            /**
             * Constructs a new UnlockRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UnlockRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The unlock key as shown by init or GetUnlockKey, "SWMKEY-1-...". */
            unlockKey: string;

            /**
             * Creates a new UnlockRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UnlockRequest instance
             */
            static create(properties: swarm.v1.UnlockRequest.$Shape): swarm.v1.UnlockRequest & swarm.v1.UnlockRequest.$Shape;
            static create(properties?: swarm.v1.UnlockRequest.$Properties): swarm.v1.UnlockRequest;

            /**
             * Encodes the specified UnlockRequest message. Does not implicitly {@link swarm.v1.UnlockRequest.verify|verify} messages.
             * @param message UnlockRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UnlockRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UnlockRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UnlockRequest & swarm.v1.UnlockRequest.$Shape} UnlockRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UnlockRequest & swarm.v1.UnlockRequest.$Shape;

            /**
             * Creates an UnlockRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UnlockRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UnlockRequest;

            /**
             * Creates a plain object from an UnlockRequest message. Also converts values to other types if specified.
             * @param message UnlockRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UnlockRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UnlockRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UnlockRequest {

            /** Properties of an UnlockRequest. */
            interface $Properties {

                /** The unlock key as shown by init or GetUnlockKey, "SWMKEY-1-...". */
                unlockKey?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UnlockRequest. */
            type $Shape = swarm.v1.UnlockRequest.$Properties;
        }

        /**
         * Properties of an UnlockResponse.
         * @deprecated Use swarm.v1.UnlockResponse.$Properties instead.
         */
        interface IUnlockResponse extends swarm.v1.UnlockResponse.$Properties {
        }

        /** UnlockResponse is empty: the manager goes on starting. */
        class UnlockResponse {

            /**
             * Constructs a new UnlockResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UnlockResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new UnlockResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UnlockResponse instance
             */
            static create(properties: swarm.v1.UnlockResponse.$Shape): swarm.v1.UnlockResponse & swarm.v1.UnlockResponse.$Shape;
            static create(properties?: swarm.v1.UnlockResponse.$Properties): swarm.v1.UnlockResponse;

            /**
             * Encodes the specified UnlockResponse message. Does not implicitly {@link swarm.v1.UnlockResponse.verify|verify} messages.
             * @param message UnlockResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UnlockResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UnlockResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UnlockResponse & swarm.v1.UnlockResponse.$Shape} UnlockResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UnlockResponse & swarm.v1.UnlockResponse.$Shape;

            /**
             * Creates an UnlockResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UnlockResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UnlockResponse;

            /**
             * Creates a plain object from an UnlockResponse message. Also converts values to other types if specified.
             * @param message UnlockResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UnlockResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UnlockResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UnlockResponse {

            /** Properties of an UnlockResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UnlockResponse. */
            type $Shape = swarm.v1.UnlockResponse.$Properties;
        }

        /**
         * Properties of an IssueOperatorCertificateRequest.
         * @deprecated Use swarm.v1.IssueOperatorCertificateRequest.$Properties instead.
         */
        interface IIssueOperatorCertificateRequest extends swarm.v1.IssueOperatorCertificateRequest.$Properties {
        }

        /** IssueOperatorCertificateRequest asks for an operator's client certificate. */
        class IssueOperatorCertificateRequest {

            /**
             * Constructs a new IssueOperatorCertificateRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.IssueOperatorCertificateRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PEM certificate signing request for the operator's ECDSA P-256 key; only its key is used. */
            csrPem: string;

            /** Who the certificate is for (its CN), e.g. "alice" or "ci". */
            name: string;

            /** Lifetime in nanoseconds; 0 means the cluster's node certificate lifetime. */
            expiryNs: number;

            /**
             * Creates a new IssueOperatorCertificateRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IssueOperatorCertificateRequest instance
             */
            static create(properties: swarm.v1.IssueOperatorCertificateRequest.$Shape): swarm.v1.IssueOperatorCertificateRequest & swarm.v1.IssueOperatorCertificateRequest.$Shape;
            static create(properties?: swarm.v1.IssueOperatorCertificateRequest.$Properties): swarm.v1.IssueOperatorCertificateRequest;

            /**
             * Encodes the specified IssueOperatorCertificateRequest message. Does not implicitly {@link swarm.v1.IssueOperatorCertificateRequest.verify|verify} messages.
             * @param message IssueOperatorCertificateRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.IssueOperatorCertificateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IssueOperatorCertificateRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.IssueOperatorCertificateRequest & swarm.v1.IssueOperatorCertificateRequest.$Shape} IssueOperatorCertificateRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.IssueOperatorCertificateRequest & swarm.v1.IssueOperatorCertificateRequest.$Shape;

            /**
             * Creates an IssueOperatorCertificateRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IssueOperatorCertificateRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.IssueOperatorCertificateRequest;

            /**
             * Creates a plain object from an IssueOperatorCertificateRequest message. Also converts values to other types if specified.
             * @param message IssueOperatorCertificateRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.IssueOperatorCertificateRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IssueOperatorCertificateRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace IssueOperatorCertificateRequest {

            /** Properties of an IssueOperatorCertificateRequest. */
            interface $Properties {

                /** PEM certificate signing request for the operator's ECDSA P-256 key; only its key is used. */
                csrPem?: string;

                /** Who the certificate is for (its CN), e.g. "alice" or "ci". */
                name?: string;

                /** Lifetime in nanoseconds; 0 means the cluster's node certificate lifetime. */
                expiryNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IssueOperatorCertificateRequest. */
            type $Shape = swarm.v1.IssueOperatorCertificateRequest.$Properties;
        }

        /**
         * Properties of an IssueOperatorCertificateResponse.
         * @deprecated Use swarm.v1.IssueOperatorCertificateResponse.$Properties instead.
         */
        interface IIssueOperatorCertificateResponse extends swarm.v1.IssueOperatorCertificateResponse.$Properties {
        }

        /** IssueOperatorCertificateResponse carries the signed certificate and the root to trust. */
        class IssueOperatorCertificateResponse {

            /**
             * Constructs a new IssueOperatorCertificateResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.IssueOperatorCertificateResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PEM certificate for the operator's key. */
            certificatePem: string;

            /** PEM root CA certificate, to verify the managers with. */
            rootCaPem: string;

            /**
             * Creates a new IssueOperatorCertificateResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns IssueOperatorCertificateResponse instance
             */
            static create(properties: swarm.v1.IssueOperatorCertificateResponse.$Shape): swarm.v1.IssueOperatorCertificateResponse & swarm.v1.IssueOperatorCertificateResponse.$Shape;
            static create(properties?: swarm.v1.IssueOperatorCertificateResponse.$Properties): swarm.v1.IssueOperatorCertificateResponse;

            /**
             * Encodes the specified IssueOperatorCertificateResponse message. Does not implicitly {@link swarm.v1.IssueOperatorCertificateResponse.verify|verify} messages.
             * @param message IssueOperatorCertificateResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.IssueOperatorCertificateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an IssueOperatorCertificateResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.IssueOperatorCertificateResponse & swarm.v1.IssueOperatorCertificateResponse.$Shape} IssueOperatorCertificateResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.IssueOperatorCertificateResponse & swarm.v1.IssueOperatorCertificateResponse.$Shape;

            /**
             * Creates an IssueOperatorCertificateResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns IssueOperatorCertificateResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.IssueOperatorCertificateResponse;

            /**
             * Creates a plain object from an IssueOperatorCertificateResponse message. Also converts values to other types if specified.
             * @param message IssueOperatorCertificateResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.IssueOperatorCertificateResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this IssueOperatorCertificateResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace IssueOperatorCertificateResponse {

            /** Properties of an IssueOperatorCertificateResponse. */
            interface $Properties {

                /** PEM certificate for the operator's key. */
                certificatePem?: string;

                /** PEM root CA certificate, to verify the managers with. */
                rootCaPem?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an IssueOperatorCertificateResponse. */
            type $Shape = swarm.v1.IssueOperatorCertificateResponse.$Properties;
        }

        /**
         * Properties of a BackupClusterRequest.
         * @deprecated Use swarm.v1.BackupClusterRequest.$Properties instead.
         */
        interface IBackupClusterRequest extends swarm.v1.BackupClusterRequest.$Properties {
        }

        /** BackupClusterRequest is empty: the backup holds the whole store. */
        class BackupClusterRequest {

            /**
             * Constructs a new BackupClusterRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.BackupClusterRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new BackupClusterRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BackupClusterRequest instance
             */
            static create(properties: swarm.v1.BackupClusterRequest.$Shape): swarm.v1.BackupClusterRequest & swarm.v1.BackupClusterRequest.$Shape;
            static create(properties?: swarm.v1.BackupClusterRequest.$Properties): swarm.v1.BackupClusterRequest;

            /**
             * Encodes the specified BackupClusterRequest message. Does not implicitly {@link swarm.v1.BackupClusterRequest.verify|verify} messages.
             * @param message BackupClusterRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.BackupClusterRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BackupClusterRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.BackupClusterRequest & swarm.v1.BackupClusterRequest.$Shape} BackupClusterRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.BackupClusterRequest & swarm.v1.BackupClusterRequest.$Shape;

            /**
             * Creates a BackupClusterRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BackupClusterRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.BackupClusterRequest;

            /**
             * Creates a plain object from a BackupClusterRequest message. Also converts values to other types if specified.
             * @param message BackupClusterRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.BackupClusterRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BackupClusterRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace BackupClusterRequest {

            /** Properties of a BackupClusterRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BackupClusterRequest. */
            type $Shape = swarm.v1.BackupClusterRequest.$Properties;
        }

        /**
         * Properties of a BackupClusterChunk.
         * @deprecated Use swarm.v1.BackupClusterChunk.$Properties instead.
         */
        interface IBackupClusterChunk extends swarm.v1.BackupClusterChunk.$Properties {
        }

        /** BackupClusterChunk is one piece of the backup file, in order. */
        class BackupClusterChunk {

            /**
             * Constructs a new BackupClusterChunk.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.BackupClusterChunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The next bytes of the file. */
            data: Uint8Array;

            /** Raft index the backup was taken at (in every chunk). */
            raftIndex: number;

            /** Whether the body is encrypted with the unlock key (in every chunk). */
            encrypted: boolean;

            /**
             * The serving manager could not confirm with a leader that its store was current (no quorum);
             * the backup is its own store as it stands.
             */
            unconfirmed: boolean;

            /**
             * Creates a new BackupClusterChunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BackupClusterChunk instance
             */
            static create(properties: swarm.v1.BackupClusterChunk.$Shape): swarm.v1.BackupClusterChunk & swarm.v1.BackupClusterChunk.$Shape;
            static create(properties?: swarm.v1.BackupClusterChunk.$Properties): swarm.v1.BackupClusterChunk;

            /**
             * Encodes the specified BackupClusterChunk message. Does not implicitly {@link swarm.v1.BackupClusterChunk.verify|verify} messages.
             * @param message BackupClusterChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.BackupClusterChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BackupClusterChunk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.BackupClusterChunk & swarm.v1.BackupClusterChunk.$Shape} BackupClusterChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.BackupClusterChunk & swarm.v1.BackupClusterChunk.$Shape;

            /**
             * Creates a BackupClusterChunk message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BackupClusterChunk
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.BackupClusterChunk;

            /**
             * Creates a plain object from a BackupClusterChunk message. Also converts values to other types if specified.
             * @param message BackupClusterChunk
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.BackupClusterChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BackupClusterChunk to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace BackupClusterChunk {

            /** Properties of a BackupClusterChunk. */
            interface $Properties {

                /** The next bytes of the file. */
                data?: Uint8Array;

                /** Raft index the backup was taken at (in every chunk). */
                raftIndex?: number;

                /** Whether the body is encrypted with the unlock key (in every chunk). */
                encrypted?: boolean;

                /**
                 * The serving manager could not confirm with a leader that its store was current (no quorum);
                 * the backup is its own store as it stands.
                 */
                unconfirmed?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BackupClusterChunk. */
            type $Shape = swarm.v1.BackupClusterChunk.$Properties;
        }

        /**
         * Properties of an UpdateNodeTlsInfoRequest.
         * @deprecated Use swarm.v1.UpdateNodeTlsInfoRequest.$Properties instead.
         */
        interface IUpdateNodeTlsInfoRequest extends swarm.v1.UpdateNodeTlsInfoRequest.$Properties {
        }

        /** UpdateNodeTlsInfoRequest reports a node's certificate issuer. */
        class UpdateNodeTlsInfoRequest {

            /**
             * Constructs a new UpdateNodeTlsInfoRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateNodeTlsInfoRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Session of the node. */
            sessionId: string;

            /** Issuer facts and trusted roots. */
            tlsInfo: swarm.v1.NodeTlsInfo;

            /**
             * Creates a new UpdateNodeTlsInfoRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateNodeTlsInfoRequest instance
             */
            static create(properties: swarm.v1.UpdateNodeTlsInfoRequest.$Shape): swarm.v1.UpdateNodeTlsInfoRequest & swarm.v1.UpdateNodeTlsInfoRequest.$Shape;
            static create(properties?: swarm.v1.UpdateNodeTlsInfoRequest.$Properties): swarm.v1.UpdateNodeTlsInfoRequest;

            /**
             * Encodes the specified UpdateNodeTlsInfoRequest message. Does not implicitly {@link swarm.v1.UpdateNodeTlsInfoRequest.verify|verify} messages.
             * @param message UpdateNodeTlsInfoRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateNodeTlsInfoRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateNodeTlsInfoRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateNodeTlsInfoRequest & swarm.v1.UpdateNodeTlsInfoRequest.$Shape} UpdateNodeTlsInfoRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateNodeTlsInfoRequest & swarm.v1.UpdateNodeTlsInfoRequest.$Shape;

            /**
             * Creates an UpdateNodeTlsInfoRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateNodeTlsInfoRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateNodeTlsInfoRequest;

            /**
             * Creates a plain object from an UpdateNodeTlsInfoRequest message. Also converts values to other types if specified.
             * @param message UpdateNodeTlsInfoRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateNodeTlsInfoRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateNodeTlsInfoRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateNodeTlsInfoRequest {

            /** Properties of an UpdateNodeTlsInfoRequest. */
            interface $Properties {

                /** Session of the node. */
                sessionId?: string;

                /** Issuer facts and trusted roots. */
                tlsInfo?: swarm.v1.NodeTlsInfo.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateNodeTlsInfoRequest. */
            type $Shape = swarm.v1.UpdateNodeTlsInfoRequest.$Properties;
        }

        /**
         * Properties of an UpdateNodeTlsInfoResponse.
         * @deprecated Use swarm.v1.UpdateNodeTlsInfoResponse.$Properties instead.
         */
        interface IUpdateNodeTlsInfoResponse extends swarm.v1.UpdateNodeTlsInfoResponse.$Properties {
        }

        /** UpdateNodeTlsInfoResponse is empty. */
        class UpdateNodeTlsInfoResponse {

            /**
             * Constructs a new UpdateNodeTlsInfoResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateNodeTlsInfoResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new UpdateNodeTlsInfoResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateNodeTlsInfoResponse instance
             */
            static create(properties: swarm.v1.UpdateNodeTlsInfoResponse.$Shape): swarm.v1.UpdateNodeTlsInfoResponse & swarm.v1.UpdateNodeTlsInfoResponse.$Shape;
            static create(properties?: swarm.v1.UpdateNodeTlsInfoResponse.$Properties): swarm.v1.UpdateNodeTlsInfoResponse;

            /**
             * Encodes the specified UpdateNodeTlsInfoResponse message. Does not implicitly {@link swarm.v1.UpdateNodeTlsInfoResponse.verify|verify} messages.
             * @param message UpdateNodeTlsInfoResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateNodeTlsInfoResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateNodeTlsInfoResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateNodeTlsInfoResponse & swarm.v1.UpdateNodeTlsInfoResponse.$Shape} UpdateNodeTlsInfoResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateNodeTlsInfoResponse & swarm.v1.UpdateNodeTlsInfoResponse.$Shape;

            /**
             * Creates an UpdateNodeTlsInfoResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateNodeTlsInfoResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateNodeTlsInfoResponse;

            /**
             * Creates a plain object from an UpdateNodeTlsInfoResponse message. Also converts values to other types if specified.
             * @param message UpdateNodeTlsInfoResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateNodeTlsInfoResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateNodeTlsInfoResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateNodeTlsInfoResponse {

            /** Properties of an UpdateNodeTlsInfoResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateNodeTlsInfoResponse. */
            type $Shape = swarm.v1.UpdateNodeTlsInfoResponse.$Properties;
        }

        /**
         * Properties of a SessionRequest.
         * @deprecated Use swarm.v1.SessionRequest.$Properties instead.
         */
        interface ISessionRequest extends swarm.v1.SessionRequest.$Properties {
        }

        /** SessionRequest opens a session. */
        class SessionRequest {

            /**
             * Constructs a new SessionRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SessionRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** What the node reports about itself. */
            description: swarm.v1.NodeDescription;

            /** Session id to resume after a reconnect; empty for a new session. */
            sessionId: string;

            /**
             * Host other nodes reach this node's task ports at (its advertise address); recorded as the
             * node's status address. Empty: the address the session comes from.
             */
            addr: string;

            /**
             * Creates a new SessionRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SessionRequest instance
             */
            static create(properties: swarm.v1.SessionRequest.$Shape): swarm.v1.SessionRequest & swarm.v1.SessionRequest.$Shape;
            static create(properties?: swarm.v1.SessionRequest.$Properties): swarm.v1.SessionRequest;

            /**
             * Encodes the specified SessionRequest message. Does not implicitly {@link swarm.v1.SessionRequest.verify|verify} messages.
             * @param message SessionRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SessionRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SessionRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SessionRequest & swarm.v1.SessionRequest.$Shape} SessionRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SessionRequest & swarm.v1.SessionRequest.$Shape;

            /**
             * Creates a SessionRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SessionRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SessionRequest;

            /**
             * Creates a plain object from a SessionRequest message. Also converts values to other types if specified.
             * @param message SessionRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SessionRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SessionRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SessionRequest {

            /** Properties of a SessionRequest. */
            interface $Properties {

                /** What the node reports about itself. */
                description?: swarm.v1.NodeDescription.$Properties;

                /** Session id to resume after a reconnect; empty for a new session. */
                sessionId?: string;

                /**
                 * Host other nodes reach this node's task ports at (its advertise address); recorded as the
                 * node's status address. Empty: the address the session comes from.
                 */
                addr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SessionRequest. */
            type $Shape = swarm.v1.SessionRequest.$Properties;
        }

        /**
         * Properties of a WeightedPeer.
         * @deprecated Use swarm.v1.WeightedPeer.$Properties instead.
         */
        interface IWeightedPeer extends swarm.v1.WeightedPeer.$Properties {
        }

        /** WeightedPeer is one manager a worker may connect to. */
        class WeightedPeer {

            /**
             * Constructs a new WeightedPeer.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.WeightedPeer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The manager. */
            peer: swarm.v1.Peer;

            /** Preference weight; higher is preferred. */
            weight: number;

            /**
             * Creates a new WeightedPeer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WeightedPeer instance
             */
            static create(properties: swarm.v1.WeightedPeer.$Shape): swarm.v1.WeightedPeer & swarm.v1.WeightedPeer.$Shape;
            static create(properties?: swarm.v1.WeightedPeer.$Properties): swarm.v1.WeightedPeer;

            /**
             * Encodes the specified WeightedPeer message. Does not implicitly {@link swarm.v1.WeightedPeer.verify|verify} messages.
             * @param message WeightedPeer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.WeightedPeer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WeightedPeer message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.WeightedPeer & swarm.v1.WeightedPeer.$Shape} WeightedPeer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.WeightedPeer & swarm.v1.WeightedPeer.$Shape;

            /**
             * Creates a WeightedPeer message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WeightedPeer
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.WeightedPeer;

            /**
             * Creates a plain object from a WeightedPeer message. Also converts values to other types if specified.
             * @param message WeightedPeer
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.WeightedPeer, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WeightedPeer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WeightedPeer {

            /** Properties of a WeightedPeer. */
            interface $Properties {

                /** The manager. */
                peer?: swarm.v1.Peer.$Properties;

                /** Preference weight; higher is preferred. */
                weight?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WeightedPeer. */
            type $Shape = swarm.v1.WeightedPeer.$Properties;
        }

        /**
         * Properties of a Peer.
         * @deprecated Use swarm.v1.Peer.$Properties instead.
         */
        interface IPeer extends swarm.v1.Peer.$Properties {
        }

        /** Peer names a manager. */
        class Peer {

            /**
             * Constructs a new Peer.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Peer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id of the manager. */
            nodeId: string;

            /** Address, host:port. */
            addr: string;

            /**
             * Creates a new Peer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Peer instance
             */
            static create(properties: swarm.v1.Peer.$Shape): swarm.v1.Peer & swarm.v1.Peer.$Shape;
            static create(properties?: swarm.v1.Peer.$Properties): swarm.v1.Peer;

            /**
             * Encodes the specified Peer message. Does not implicitly {@link swarm.v1.Peer.verify|verify} messages.
             * @param message Peer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Peer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Peer message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Peer & swarm.v1.Peer.$Shape} Peer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Peer & swarm.v1.Peer.$Shape;

            /**
             * Creates a Peer message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Peer
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Peer;

            /**
             * Creates a plain object from a Peer message. Also converts values to other types if specified.
             * @param message Peer
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Peer, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Peer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Peer {

            /** Properties of a Peer. */
            interface $Properties {

                /** Node id of the manager. */
                nodeId?: string;

                /** Address, host:port. */
                addr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Peer. */
            type $Shape = swarm.v1.Peer.$Properties;
        }

        /**
         * Properties of a SessionMessage.
         * @deprecated Use swarm.v1.SessionMessage.$Properties instead.
         */
        interface ISessionMessage extends swarm.v1.SessionMessage.$Properties {
        }

        /** SessionMessage is sent at session start and whenever its content changes. */
        class SessionMessage {

            /**
             * Constructs a new SessionMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SessionMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Id to quote in every other dispatcher call. */
            sessionId: string;

            /** The node as the managers see it (spec changes such as drain arrive here). */
            node: swarm.v1.Node;

            /** Managers to reconnect to if this one goes away. */
            managers: swarm.v1.WeightedPeer[];

            /** Keys for node-to-node encryption. */
            networkBootstrapKeys: swarm.v1.EncryptionKey[];

            /**
             * PEM of the roots a node must trust: the current root, and the new one while a root rotation
             * runs. Sent in the first message and whenever it changes, so nodes follow a rotation.
             */
            rootCaPem: Uint8Array;

            /**
             * The routing mesh's endpoint set: complete in the first message that carries it, then
             * per-service replacements after every change, each in a message of its own.
             */
            endpoints: swarm.v1.EndpointsUpdate;

            /**
             * This node's view of its overlay networks: complete in the first message that carries it,
             * then per-network replacements and removals after every change, each in a message of its own.
             */
            networks: swarm.v1.NetworkViewUpdate;

            /**
             * The heartbeat period now in force, in nanoseconds: in the first message, and again whenever
             * the cluster's setting changes, so that a node heartbeats at a shorter period at once instead
             * of after the longer one it was given last.
             */
            heartbeatPeriodNs: number;

            /**
             * Creates a new SessionMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SessionMessage instance
             */
            static create(properties: swarm.v1.SessionMessage.$Shape): swarm.v1.SessionMessage & swarm.v1.SessionMessage.$Shape;
            static create(properties?: swarm.v1.SessionMessage.$Properties): swarm.v1.SessionMessage;

            /**
             * Encodes the specified SessionMessage message. Does not implicitly {@link swarm.v1.SessionMessage.verify|verify} messages.
             * @param message SessionMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SessionMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SessionMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SessionMessage & swarm.v1.SessionMessage.$Shape} SessionMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SessionMessage & swarm.v1.SessionMessage.$Shape;

            /**
             * Creates a SessionMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SessionMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SessionMessage;

            /**
             * Creates a plain object from a SessionMessage message. Also converts values to other types if specified.
             * @param message SessionMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SessionMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SessionMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SessionMessage {

            /** Properties of a SessionMessage. */
            interface $Properties {

                /** Id to quote in every other dispatcher call. */
                sessionId?: string;

                /** The node as the managers see it (spec changes such as drain arrive here). */
                node?: swarm.v1.Node.$Properties;

                /** Managers to reconnect to if this one goes away. */
                managers?: swarm.v1.WeightedPeer.$Properties[];

                /** Keys for node-to-node encryption. */
                networkBootstrapKeys?: swarm.v1.EncryptionKey.$Properties[];

                /**
                 * PEM of the roots a node must trust: the current root, and the new one while a root rotation
                 * runs. Sent in the first message and whenever it changes, so nodes follow a rotation.
                 */
                rootCaPem?: Uint8Array;

                /**
                 * The routing mesh's endpoint set: complete in the first message that carries it, then
                 * per-service replacements after every change, each in a message of its own.
                 */
                endpoints?: swarm.v1.EndpointsUpdate.$Properties;

                /**
                 * This node's view of its overlay networks: complete in the first message that carries it,
                 * then per-network replacements and removals after every change, each in a message of its own.
                 */
                networks?: swarm.v1.NetworkViewUpdate.$Properties;

                /**
                 * The heartbeat period now in force, in nanoseconds: in the first message, and again whenever
                 * the cluster's setting changes, so that a node heartbeats at a shorter period at once instead
                 * of after the longer one it was given last.
                 */
                heartbeatPeriodNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SessionMessage. */
            type $Shape = swarm.v1.SessionMessage.$Properties;
        }

        /**
         * Properties of a NetworkViewUpdate.
         * @deprecated Use swarm.v1.NetworkViewUpdate.$Properties instead.
         */
        interface INetworkViewUpdate extends swarm.v1.NetworkViewUpdate.$Properties {
        }

        /** NetworkViewUpdate changes a node's network view. */
        class NetworkViewUpdate {

            /**
             * Constructs a new NetworkViewUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkViewUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The whole view: networks not in it must be dropped (and their kernel state removed). */
            complete: boolean;

            /** Networks added or replaced, each complete. */
            networks: swarm.v1.NodeNetwork[];

            /** Networks the node no longer serves (removed, or no task of them is on the node any more). */
            removedNetworkIds: string[];

            /** UDP port this node's VXLAN devices bind: its own data-path port, else the cluster's. */
            dataPathPort: number;

            /**
             * Creates a new NetworkViewUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkViewUpdate instance
             */
            static create(properties: swarm.v1.NetworkViewUpdate.$Shape): swarm.v1.NetworkViewUpdate & swarm.v1.NetworkViewUpdate.$Shape;
            static create(properties?: swarm.v1.NetworkViewUpdate.$Properties): swarm.v1.NetworkViewUpdate;

            /**
             * Encodes the specified NetworkViewUpdate message. Does not implicitly {@link swarm.v1.NetworkViewUpdate.verify|verify} messages.
             * @param message NetworkViewUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkViewUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkViewUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkViewUpdate & swarm.v1.NetworkViewUpdate.$Shape} NetworkViewUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkViewUpdate & swarm.v1.NetworkViewUpdate.$Shape;

            /**
             * Creates a NetworkViewUpdate message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkViewUpdate
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkViewUpdate;

            /**
             * Creates a plain object from a NetworkViewUpdate message. Also converts values to other types if specified.
             * @param message NetworkViewUpdate
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkViewUpdate, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkViewUpdate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkViewUpdate {

            /** Properties of a NetworkViewUpdate. */
            interface $Properties {

                /** The whole view: networks not in it must be dropped (and their kernel state removed). */
                complete?: boolean;

                /** Networks added or replaced, each complete. */
                networks?: swarm.v1.NodeNetwork.$Properties[];

                /** Networks the node no longer serves (removed, or no task of them is on the node any more). */
                removedNetworkIds?: string[];

                /** UDP port this node's VXLAN devices bind: its own data-path port, else the cluster's. */
                dataPathPort?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkViewUpdate. */
            type $Shape = swarm.v1.NetworkViewUpdate.$Properties;
        }

        /**
         * Properties of a NodeNetwork.
         * @deprecated Use swarm.v1.NodeNetwork.$Properties instead.
         */
        interface INodeNetwork extends swarm.v1.NodeNetwork.$Properties {
        }

        /**
         * NodeNetwork is one overlay network as one node must program it. Addresses are plain IPv4
         * addresses (the subnet gives the prefix); a MAC is derived from its address (02:42 and the four
         * address bytes), so none is sent.
         */
        class NodeNetwork {

            /**
             * Constructs a new NodeNetwork.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NodeNetwork.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Network id. */
            networkId: string;

            /** Network name. */
            name: string;

            /** Subnet, in CIDR form. */
            subnet: string;

            /** VXLAN network identifier. */
            vni: number;

            /** MTU of the network's interfaces, in bytes. */
            mtu: number;

            /** No traffic may leave the network (no egress masquerade, no route out). */
            internal: boolean;

            /** Traffic between nodes must go through the encrypted tunnel. */
            encrypted: boolean;

            /**
             * The node's own address on the network (bridge address, DNS server and gateway of its local
             * tasks); empty until the allocator has given it one, which follows the first task by one commit.
             */
            selfAddr: string;

            /**
             * Every address of the network that lives on another node: tasks not yet finished (even before
             * they run) and other nodes' own addresses.
             */
            peers: swarm.v1.NetworkPeer[];

            /** Services attached to the network, with their live backends. */
            services: swarm.v1.NetworkService[];

            /**
             * Tasks on the network not yet finished, on any node (this one included), for task names and
             * reverse lookups.
             */
            tasks: swarm.v1.NetworkTask[];

            /**
             * Encrypted networks: this node's address in the tunnel in interface form ("169.254.128.7/17":
             * the prefix routes the tunnel pool into the tunnel), the local end of the network's VXLAN.
             */
            tunnelAddr: string;

            /**
             * Encrypted networks: the other nodes serving the network, as tunnel peers. A peer address
             * whose node has no tunnel yet is left out of peers (never sent in clear).
             */
            tunnelPeers: swarm.v1.TunnelPeer[];

            /**
             * Creates a new NodeNetwork instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NodeNetwork instance
             */
            static create(properties: swarm.v1.NodeNetwork.$Shape): swarm.v1.NodeNetwork & swarm.v1.NodeNetwork.$Shape;
            static create(properties?: swarm.v1.NodeNetwork.$Properties): swarm.v1.NodeNetwork;

            /**
             * Encodes the specified NodeNetwork message. Does not implicitly {@link swarm.v1.NodeNetwork.verify|verify} messages.
             * @param message NodeNetwork message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NodeNetwork.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NodeNetwork message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NodeNetwork & swarm.v1.NodeNetwork.$Shape} NodeNetwork
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NodeNetwork & swarm.v1.NodeNetwork.$Shape;

            /**
             * Creates a NodeNetwork message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NodeNetwork
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NodeNetwork;

            /**
             * Creates a plain object from a NodeNetwork message. Also converts values to other types if specified.
             * @param message NodeNetwork
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NodeNetwork, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NodeNetwork to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NodeNetwork {

            /** Properties of a NodeNetwork. */
            interface $Properties {

                /** Network id. */
                networkId?: string;

                /** Network name. */
                name?: string;

                /** Subnet, in CIDR form. */
                subnet?: string;

                /** VXLAN network identifier. */
                vni?: number;

                /** MTU of the network's interfaces, in bytes. */
                mtu?: number;

                /** No traffic may leave the network (no egress masquerade, no route out). */
                internal?: boolean;

                /** Traffic between nodes must go through the encrypted tunnel. */
                encrypted?: boolean;

                /**
                 * The node's own address on the network (bridge address, DNS server and gateway of its local
                 * tasks); empty until the allocator has given it one, which follows the first task by one commit.
                 */
                selfAddr?: string;

                /**
                 * Every address of the network that lives on another node: tasks not yet finished (even before
                 * they run) and other nodes' own addresses.
                 */
                peers?: swarm.v1.NetworkPeer.$Properties[];

                /** Services attached to the network, with their live backends. */
                services?: swarm.v1.NetworkService.$Properties[];

                /**
                 * Tasks on the network not yet finished, on any node (this one included), for task names and
                 * reverse lookups.
                 */
                tasks?: swarm.v1.NetworkTask.$Properties[];

                /**
                 * Encrypted networks: this node's address in the tunnel in interface form ("169.254.128.7/17":
                 * the prefix routes the tunnel pool into the tunnel), the local end of the network's VXLAN.
                 */
                tunnelAddr?: string;

                /**
                 * Encrypted networks: the other nodes serving the network, as tunnel peers. A peer address
                 * whose node has no tunnel yet is left out of peers (never sent in clear).
                 */
                tunnelPeers?: swarm.v1.TunnelPeer.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NodeNetwork. */
            type $Shape = swarm.v1.NodeNetwork.$Properties;
        }

        /**
         * Properties of a TunnelPeer.
         * @deprecated Use swarm.v1.TunnelPeer.$Properties instead.
         */
        interface ITunnelPeer extends swarm.v1.TunnelPeer.$Properties {
        }

        /** TunnelPeer is another node as this node's WireGuard tunnel knows it. */
        class TunnelPeer {

            /**
             * Constructs a new TunnelPeer.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.TunnelPeer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Node id. */
            nodeId: string;

            /** The node's WireGuard public key (base64). */
            publicKey: string;

            /** Underlay host its tunnel listens on (the node's advertised address). */
            endpointHost: string;

            /** UDP port its tunnel listens on. */
            endpointPort: number;

            /** Its address inside the tunnel (the remote end of VXLAN for encrypted networks). */
            tunnelAddr: string;

            /**
             * Creates a new TunnelPeer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TunnelPeer instance
             */
            static create(properties: swarm.v1.TunnelPeer.$Shape): swarm.v1.TunnelPeer & swarm.v1.TunnelPeer.$Shape;
            static create(properties?: swarm.v1.TunnelPeer.$Properties): swarm.v1.TunnelPeer;

            /**
             * Encodes the specified TunnelPeer message. Does not implicitly {@link swarm.v1.TunnelPeer.verify|verify} messages.
             * @param message TunnelPeer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.TunnelPeer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TunnelPeer message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.TunnelPeer & swarm.v1.TunnelPeer.$Shape} TunnelPeer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.TunnelPeer & swarm.v1.TunnelPeer.$Shape;

            /**
             * Creates a TunnelPeer message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TunnelPeer
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.TunnelPeer;

            /**
             * Creates a plain object from a TunnelPeer message. Also converts values to other types if specified.
             * @param message TunnelPeer
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.TunnelPeer, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TunnelPeer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TunnelPeer {

            /** Properties of a TunnelPeer. */
            interface $Properties {

                /** Node id. */
                nodeId?: string;

                /** The node's WireGuard public key (base64). */
                publicKey?: string;

                /** Underlay host its tunnel listens on (the node's advertised address). */
                endpointHost?: string;

                /** UDP port its tunnel listens on. */
                endpointPort?: number;

                /** Its address inside the tunnel (the remote end of VXLAN for encrypted networks). */
                tunnelAddr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TunnelPeer. */
            type $Shape = swarm.v1.TunnelPeer.$Properties;
        }

        /**
         * Properties of a NetworkPeer.
         * @deprecated Use swarm.v1.NetworkPeer.$Properties instead.
         */
        interface INetworkPeer extends swarm.v1.NetworkPeer.$Properties {
        }

        /** NetworkPeer is one address of the network reachable through another node's VXLAN endpoint. */
        class NetworkPeer {

            /**
             * Constructs a new NetworkPeer.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkPeer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The address. */
            addr: string;

            /** Node the address lives on. */
            nodeId: string;

            /** Underlay address of that node (its VXLAN endpoint). */
            vtep: string;

            /** UDP port of that node's VXLAN devices. */
            port: number;

            /** Task holding the address; empty for the node's own address. */
            taskId: string;

            /**
             * Creates a new NetworkPeer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkPeer instance
             */
            static create(properties: swarm.v1.NetworkPeer.$Shape): swarm.v1.NetworkPeer & swarm.v1.NetworkPeer.$Shape;
            static create(properties?: swarm.v1.NetworkPeer.$Properties): swarm.v1.NetworkPeer;

            /**
             * Encodes the specified NetworkPeer message. Does not implicitly {@link swarm.v1.NetworkPeer.verify|verify} messages.
             * @param message NetworkPeer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkPeer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkPeer message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkPeer & swarm.v1.NetworkPeer.$Shape} NetworkPeer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkPeer & swarm.v1.NetworkPeer.$Shape;

            /**
             * Creates a NetworkPeer message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkPeer
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkPeer;

            /**
             * Creates a plain object from a NetworkPeer message. Also converts values to other types if specified.
             * @param message NetworkPeer
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkPeer, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkPeer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkPeer {

            /** Properties of a NetworkPeer. */
            interface $Properties {

                /** The address. */
                addr?: string;

                /** Node the address lives on. */
                nodeId?: string;

                /** Underlay address of that node (its VXLAN endpoint). */
                vtep?: string;

                /** UDP port of that node's VXLAN devices. */
                port?: number;

                /** Task holding the address; empty for the node's own address. */
                taskId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkPeer. */
            type $Shape = swarm.v1.NetworkPeer.$Properties;
        }

        /**
         * Properties of a NetworkService.
         * @deprecated Use swarm.v1.NetworkService.$Properties instead.
         */
        interface INetworkService extends swarm.v1.NetworkService.$Properties {
        }

        /** NetworkService is one service as the network's DNS and VIP rules see it. */
        class NetworkService {

            /**
             * Constructs a new NetworkService.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkService.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id. */
            serviceId: string;

            /** Service name: it resolves to the VIP (dnsrr: to the backends). */
            name: string;

            /**
             * Other names of the service on this network (the attachment's aliases; stacks put the
             * service's short name here).
             */
            aliases: string[];

            /** VIP or DNS round robin. */
            mode: swarm.v1.EndpointSpec.ResolutionMode;

            /** Virtual IP on this network; empty for dnsrr, or while the allocator has not given one yet. */
            vip: string;

            /**
             * Live backends: RUNNING tasks (so healthy, when they have a healthcheck) on nodes not DOWN;
             * those desired to stop are marked draining.
             */
            backends: swarm.v1.NetworkBackend[];

            /**
             * Creates a new NetworkService instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkService instance
             */
            static create(properties: swarm.v1.NetworkService.$Shape): swarm.v1.NetworkService & swarm.v1.NetworkService.$Shape;
            static create(properties?: swarm.v1.NetworkService.$Properties): swarm.v1.NetworkService;

            /**
             * Encodes the specified NetworkService message. Does not implicitly {@link swarm.v1.NetworkService.verify|verify} messages.
             * @param message NetworkService message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkService.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkService message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkService & swarm.v1.NetworkService.$Shape} NetworkService
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkService & swarm.v1.NetworkService.$Shape;

            /**
             * Creates a NetworkService message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkService
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkService;

            /**
             * Creates a plain object from a NetworkService message. Also converts values to other types if specified.
             * @param message NetworkService
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkService, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkService to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkService {

            /** Properties of a NetworkService. */
            interface $Properties {

                /** Service id. */
                serviceId?: string;

                /** Service name: it resolves to the VIP (dnsrr: to the backends). */
                name?: string;

                /**
                 * Other names of the service on this network (the attachment's aliases; stacks put the
                 * service's short name here).
                 */
                aliases?: string[];

                /** VIP or DNS round robin. */
                mode?: swarm.v1.EndpointSpec.ResolutionMode;

                /** Virtual IP on this network; empty for dnsrr, or while the allocator has not given one yet. */
                vip?: string;

                /**
                 * Live backends: RUNNING tasks (so healthy, when they have a healthcheck) on nodes not DOWN;
                 * those desired to stop are marked draining.
                 */
                backends?: swarm.v1.NetworkBackend.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkService. */
            type $Shape = swarm.v1.NetworkService.$Properties;
        }

        /**
         * Properties of a NetworkBackend.
         * @deprecated Use swarm.v1.NetworkBackend.$Properties instead.
         */
        interface INetworkBackend extends swarm.v1.NetworkBackend.$Properties {
        }

        /** NetworkBackend is one task behind a service name or VIP. */
        class NetworkBackend {

            /**
             * Constructs a new NetworkBackend.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkBackend.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task id. */
            taskId: string;

            /** The task's address on this network. */
            addr: string;

            /** The task is stopping: no new connections or DNS answers, open connections finish. */
            draining: boolean;

            /**
             * Creates a new NetworkBackend instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkBackend instance
             */
            static create(properties: swarm.v1.NetworkBackend.$Shape): swarm.v1.NetworkBackend & swarm.v1.NetworkBackend.$Shape;
            static create(properties?: swarm.v1.NetworkBackend.$Properties): swarm.v1.NetworkBackend;

            /**
             * Encodes the specified NetworkBackend message. Does not implicitly {@link swarm.v1.NetworkBackend.verify|verify} messages.
             * @param message NetworkBackend message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkBackend.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkBackend message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkBackend & swarm.v1.NetworkBackend.$Shape} NetworkBackend
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkBackend & swarm.v1.NetworkBackend.$Shape;

            /**
             * Creates a NetworkBackend message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkBackend
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkBackend;

            /**
             * Creates a plain object from a NetworkBackend message. Also converts values to other types if specified.
             * @param message NetworkBackend
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkBackend, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkBackend to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkBackend {

            /** Properties of a NetworkBackend. */
            interface $Properties {

                /** Task id. */
                taskId?: string;

                /** The task's address on this network. */
                addr?: string;

                /** The task is stopping: no new connections or DNS answers, open connections finish. */
                draining?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkBackend. */
            type $Shape = swarm.v1.NetworkBackend.$Properties;
        }

        /**
         * Properties of a NetworkTask.
         * @deprecated Use swarm.v1.NetworkTask.$Properties instead.
         */
        interface INetworkTask extends swarm.v1.NetworkTask.$Properties {
        }

        /** NetworkTask is one task's name and address on the network. */
        class NetworkTask {

            /**
             * Constructs a new NetworkTask.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.NetworkTask.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task id. */
            taskId: string;

            /** Task name, "<service>.<slot>.<task id>" (global services: "<service>.<node id>.<task id>"). */
            name: string;

            /** The task's address on this network. */
            addr: string;

            /** Service of the task. */
            serviceId: string;

            /** The task's aliases on this network (its service's attachment aliases). */
            aliases: string[];

            /** Node the task is on. */
            nodeId: string;

            /**
             * Creates a new NetworkTask instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkTask instance
             */
            static create(properties: swarm.v1.NetworkTask.$Shape): swarm.v1.NetworkTask & swarm.v1.NetworkTask.$Shape;
            static create(properties?: swarm.v1.NetworkTask.$Properties): swarm.v1.NetworkTask;

            /**
             * Encodes the specified NetworkTask message. Does not implicitly {@link swarm.v1.NetworkTask.verify|verify} messages.
             * @param message NetworkTask message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.NetworkTask.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkTask message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.NetworkTask & swarm.v1.NetworkTask.$Shape} NetworkTask
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.NetworkTask & swarm.v1.NetworkTask.$Shape;

            /**
             * Creates a NetworkTask message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkTask
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.NetworkTask;

            /**
             * Creates a plain object from a NetworkTask message. Also converts values to other types if specified.
             * @param message NetworkTask
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.NetworkTask, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkTask to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkTask {

            /** Properties of a NetworkTask. */
            interface $Properties {

                /** Task id. */
                taskId?: string;

                /** Task name, "<service>.<slot>.<task id>" (global services: "<service>.<node id>.<task id>"). */
                name?: string;

                /** The task's address on this network. */
                addr?: string;

                /** Service of the task. */
                serviceId?: string;

                /** The task's aliases on this network (its service's attachment aliases). */
                aliases?: string[];

                /** Node the task is on. */
                nodeId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkTask. */
            type $Shape = swarm.v1.NetworkTask.$Properties;
        }

        /**
         * Properties of a TaskEndpoint.
         * @deprecated Use swarm.v1.TaskEndpoint.$Properties instead.
         */
        interface ITaskEndpoint extends swarm.v1.TaskEndpoint.$Properties {
        }

        /** TaskEndpoint is one task that can take a service's ingress traffic. */
        class TaskEndpoint {

            /**
             * Constructs a new TaskEndpoint.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.TaskEndpoint.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task id. */
            taskId: string;

            /** Host the task's ports are reachable at from other nodes (its node's address). */
            addr: string;

            /** The task's ingress ports: target_port, and published_port = the port bound on addr. */
            ports: swarm.v1.PortConfig[];

            /** The task is stopping: no new connections; open ones finish within its grace period. */
            draining: boolean;

            /**
             * Creates a new TaskEndpoint instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskEndpoint instance
             */
            static create(properties: swarm.v1.TaskEndpoint.$Shape): swarm.v1.TaskEndpoint & swarm.v1.TaskEndpoint.$Shape;
            static create(properties?: swarm.v1.TaskEndpoint.$Properties): swarm.v1.TaskEndpoint;

            /**
             * Encodes the specified TaskEndpoint message. Does not implicitly {@link swarm.v1.TaskEndpoint.verify|verify} messages.
             * @param message TaskEndpoint message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.TaskEndpoint.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskEndpoint message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.TaskEndpoint & swarm.v1.TaskEndpoint.$Shape} TaskEndpoint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.TaskEndpoint & swarm.v1.TaskEndpoint.$Shape;

            /**
             * Creates a TaskEndpoint message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskEndpoint
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.TaskEndpoint;

            /**
             * Creates a plain object from a TaskEndpoint message. Also converts values to other types if specified.
             * @param message TaskEndpoint
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.TaskEndpoint, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskEndpoint to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskEndpoint {

            /** Properties of a TaskEndpoint. */
            interface $Properties {

                /** Task id. */
                taskId?: string;

                /** Host the task's ports are reachable at from other nodes (its node's address). */
                addr?: string;

                /** The task's ingress ports: target_port, and published_port = the port bound on addr. */
                ports?: swarm.v1.PortConfig.$Properties[];

                /** The task is stopping: no new connections; open ones finish within its grace period. */
                draining?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskEndpoint. */
            type $Shape = swarm.v1.TaskEndpoint.$Properties;
        }

        /**
         * Properties of a ServiceEndpoints.
         * @deprecated Use swarm.v1.ServiceEndpoints.$Properties instead.
         */
        interface IServiceEndpoints extends swarm.v1.ServiceEndpoints.$Properties {
        }

        /** ServiceEndpoints is one service as every node's routing mesh sees it. */
        class ServiceEndpoints {

            /**
             * Constructs a new ServiceEndpoints.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ServiceEndpoints.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id. */
            serviceId: string;

            /** Service name, for logs. */
            name: string;

            /** Its ingress-published ports (published_port is the port every node listens on). */
            ports: swarm.v1.PortConfig[];

            /** Its running tasks with reachable ports. */
            endpoints: swarm.v1.TaskEndpoint[];

            /** How new connections are spread over the endpoints. */
            balancing: swarm.v1.EndpointSpec.Balancing;

            /**
             * Creates a new ServiceEndpoints instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ServiceEndpoints instance
             */
            static create(properties: swarm.v1.ServiceEndpoints.$Shape): swarm.v1.ServiceEndpoints & swarm.v1.ServiceEndpoints.$Shape;
            static create(properties?: swarm.v1.ServiceEndpoints.$Properties): swarm.v1.ServiceEndpoints;

            /**
             * Encodes the specified ServiceEndpoints message. Does not implicitly {@link swarm.v1.ServiceEndpoints.verify|verify} messages.
             * @param message ServiceEndpoints message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ServiceEndpoints.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ServiceEndpoints message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ServiceEndpoints & swarm.v1.ServiceEndpoints.$Shape} ServiceEndpoints
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ServiceEndpoints & swarm.v1.ServiceEndpoints.$Shape;

            /**
             * Creates a ServiceEndpoints message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ServiceEndpoints
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ServiceEndpoints;

            /**
             * Creates a plain object from a ServiceEndpoints message. Also converts values to other types if specified.
             * @param message ServiceEndpoints
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ServiceEndpoints, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ServiceEndpoints to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ServiceEndpoints {

            /** Properties of a ServiceEndpoints. */
            interface $Properties {

                /** Service id. */
                serviceId?: string;

                /** Service name, for logs. */
                name?: string;

                /** Its ingress-published ports (published_port is the port every node listens on). */
                ports?: swarm.v1.PortConfig.$Properties[];

                /** Its running tasks with reachable ports. */
                endpoints?: swarm.v1.TaskEndpoint.$Properties[];

                /** How new connections are spread over the endpoints. */
                balancing?: swarm.v1.EndpointSpec.Balancing;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ServiceEndpoints. */
            type $Shape = swarm.v1.ServiceEndpoints.$Properties;
        }

        /**
         * Properties of an EndpointsUpdate.
         * @deprecated Use swarm.v1.EndpointsUpdate.$Properties instead.
         */
        interface IEndpointsUpdate extends swarm.v1.EndpointsUpdate.$Properties {
        }

        /** EndpointsUpdate changes the routing mesh's endpoint set. */
        class EndpointsUpdate {

            /**
             * Constructs a new EndpointsUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.EndpointsUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The whole set: services not in it must be dropped. */
            complete: boolean;

            /** Services added or replaced. */
            services: swarm.v1.ServiceEndpoints[];

            /** Services that no longer have ingress endpoints to route to. */
            removedServiceIds: string[];

            /**
             * Creates a new EndpointsUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EndpointsUpdate instance
             */
            static create(properties: swarm.v1.EndpointsUpdate.$Shape): swarm.v1.EndpointsUpdate & swarm.v1.EndpointsUpdate.$Shape;
            static create(properties?: swarm.v1.EndpointsUpdate.$Properties): swarm.v1.EndpointsUpdate;

            /**
             * Encodes the specified EndpointsUpdate message. Does not implicitly {@link swarm.v1.EndpointsUpdate.verify|verify} messages.
             * @param message EndpointsUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.EndpointsUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EndpointsUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.EndpointsUpdate & swarm.v1.EndpointsUpdate.$Shape} EndpointsUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.EndpointsUpdate & swarm.v1.EndpointsUpdate.$Shape;

            /**
             * Creates an EndpointsUpdate message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EndpointsUpdate
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.EndpointsUpdate;

            /**
             * Creates a plain object from an EndpointsUpdate message. Also converts values to other types if specified.
             * @param message EndpointsUpdate
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.EndpointsUpdate, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EndpointsUpdate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EndpointsUpdate {

            /** Properties of an EndpointsUpdate. */
            interface $Properties {

                /** The whole set: services not in it must be dropped. */
                complete?: boolean;

                /** Services added or replaced. */
                services?: swarm.v1.ServiceEndpoints.$Properties[];

                /** Services that no longer have ingress endpoints to route to. */
                removedServiceIds?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EndpointsUpdate. */
            type $Shape = swarm.v1.EndpointsUpdate.$Properties;
        }

        /**
         * Properties of a HeartbeatRequest.
         * @deprecated Use swarm.v1.HeartbeatRequest.$Properties instead.
         */
        interface IHeartbeatRequest extends swarm.v1.HeartbeatRequest.$Properties {
        }

        /** HeartbeatRequest renews a session. */
        class HeartbeatRequest {

            /**
             * Constructs a new HeartbeatRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.HeartbeatRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Session being renewed. */
            sessionId: string;

            /**
             * Creates a new HeartbeatRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HeartbeatRequest instance
             */
            static create(properties: swarm.v1.HeartbeatRequest.$Shape): swarm.v1.HeartbeatRequest & swarm.v1.HeartbeatRequest.$Shape;
            static create(properties?: swarm.v1.HeartbeatRequest.$Properties): swarm.v1.HeartbeatRequest;

            /**
             * Encodes the specified HeartbeatRequest message. Does not implicitly {@link swarm.v1.HeartbeatRequest.verify|verify} messages.
             * @param message HeartbeatRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.HeartbeatRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HeartbeatRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.HeartbeatRequest & swarm.v1.HeartbeatRequest.$Shape} HeartbeatRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.HeartbeatRequest & swarm.v1.HeartbeatRequest.$Shape;

            /**
             * Creates a HeartbeatRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns HeartbeatRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.HeartbeatRequest;

            /**
             * Creates a plain object from a HeartbeatRequest message. Also converts values to other types if specified.
             * @param message HeartbeatRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.HeartbeatRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HeartbeatRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace HeartbeatRequest {

            /** Properties of a HeartbeatRequest. */
            interface $Properties {

                /** Session being renewed. */
                sessionId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HeartbeatRequest. */
            type $Shape = swarm.v1.HeartbeatRequest.$Properties;
        }

        /**
         * Properties of a HeartbeatResponse.
         * @deprecated Use swarm.v1.HeartbeatResponse.$Properties instead.
         */
        interface IHeartbeatResponse extends swarm.v1.HeartbeatResponse.$Properties {
        }

        /** HeartbeatResponse says when to heartbeat next. */
        class HeartbeatResponse {

            /**
             * Constructs a new HeartbeatResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.HeartbeatResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Time until the next heartbeat is due, in nanoseconds. */
            periodNs: number;

            /**
             * Creates a new HeartbeatResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HeartbeatResponse instance
             */
            static create(properties: swarm.v1.HeartbeatResponse.$Shape): swarm.v1.HeartbeatResponse & swarm.v1.HeartbeatResponse.$Shape;
            static create(properties?: swarm.v1.HeartbeatResponse.$Properties): swarm.v1.HeartbeatResponse;

            /**
             * Encodes the specified HeartbeatResponse message. Does not implicitly {@link swarm.v1.HeartbeatResponse.verify|verify} messages.
             * @param message HeartbeatResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.HeartbeatResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HeartbeatResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.HeartbeatResponse & swarm.v1.HeartbeatResponse.$Shape} HeartbeatResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.HeartbeatResponse & swarm.v1.HeartbeatResponse.$Shape;

            /**
             * Creates a HeartbeatResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns HeartbeatResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.HeartbeatResponse;

            /**
             * Creates a plain object from a HeartbeatResponse message. Also converts values to other types if specified.
             * @param message HeartbeatResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.HeartbeatResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HeartbeatResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace HeartbeatResponse {

            /** Properties of a HeartbeatResponse. */
            interface $Properties {

                /** Time until the next heartbeat is due, in nanoseconds. */
                periodNs?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HeartbeatResponse. */
            type $Shape = swarm.v1.HeartbeatResponse.$Properties;
        }

        /**
         * Properties of a TaskStatusUpdate.
         * @deprecated Use swarm.v1.TaskStatusUpdate.$Properties instead.
         */
        interface ITaskStatusUpdate extends swarm.v1.TaskStatusUpdate.$Properties {
        }

        /** TaskStatusUpdate is one task's new observed state. */
        class TaskStatusUpdate {

            /**
             * Constructs a new TaskStatusUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.TaskStatusUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task id. */
            taskId: string;

            /** New observed status; an update that would move the state backwards is dropped. */
            status: swarm.v1.TaskStatus;

            /**
             * Creates a new TaskStatusUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskStatusUpdate instance
             */
            static create(properties: swarm.v1.TaskStatusUpdate.$Shape): swarm.v1.TaskStatusUpdate & swarm.v1.TaskStatusUpdate.$Shape;
            static create(properties?: swarm.v1.TaskStatusUpdate.$Properties): swarm.v1.TaskStatusUpdate;

            /**
             * Encodes the specified TaskStatusUpdate message. Does not implicitly {@link swarm.v1.TaskStatusUpdate.verify|verify} messages.
             * @param message TaskStatusUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.TaskStatusUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskStatusUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.TaskStatusUpdate & swarm.v1.TaskStatusUpdate.$Shape} TaskStatusUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.TaskStatusUpdate & swarm.v1.TaskStatusUpdate.$Shape;

            /**
             * Creates a TaskStatusUpdate message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskStatusUpdate
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.TaskStatusUpdate;

            /**
             * Creates a plain object from a TaskStatusUpdate message. Also converts values to other types if specified.
             * @param message TaskStatusUpdate
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.TaskStatusUpdate, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskStatusUpdate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskStatusUpdate {

            /** Properties of a TaskStatusUpdate. */
            interface $Properties {

                /** Task id. */
                taskId?: string;

                /** New observed status; an update that would move the state backwards is dropped. */
                status?: swarm.v1.TaskStatus.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskStatusUpdate. */
            type $Shape = swarm.v1.TaskStatusUpdate.$Properties;
        }

        /**
         * Properties of an UpdateTaskStatusRequest.
         * @deprecated Use swarm.v1.UpdateTaskStatusRequest.$Properties instead.
         */
        interface IUpdateTaskStatusRequest extends swarm.v1.UpdateTaskStatusRequest.$Properties {
        }

        /** UpdateTaskStatusRequest carries a batch of status updates. */
        class UpdateTaskStatusRequest {

            /**
             * Constructs a new UpdateTaskStatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateTaskStatusRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Session the updates belong to. */
            sessionId: string;

            /** Updates, applied in order in one store write. */
            updates: swarm.v1.TaskStatusUpdate[];

            /**
             * Creates a new UpdateTaskStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateTaskStatusRequest instance
             */
            static create(properties: swarm.v1.UpdateTaskStatusRequest.$Shape): swarm.v1.UpdateTaskStatusRequest & swarm.v1.UpdateTaskStatusRequest.$Shape;
            static create(properties?: swarm.v1.UpdateTaskStatusRequest.$Properties): swarm.v1.UpdateTaskStatusRequest;

            /**
             * Encodes the specified UpdateTaskStatusRequest message. Does not implicitly {@link swarm.v1.UpdateTaskStatusRequest.verify|verify} messages.
             * @param message UpdateTaskStatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateTaskStatusRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateTaskStatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateTaskStatusRequest & swarm.v1.UpdateTaskStatusRequest.$Shape} UpdateTaskStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateTaskStatusRequest & swarm.v1.UpdateTaskStatusRequest.$Shape;

            /**
             * Creates an UpdateTaskStatusRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateTaskStatusRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateTaskStatusRequest;

            /**
             * Creates a plain object from an UpdateTaskStatusRequest message. Also converts values to other types if specified.
             * @param message UpdateTaskStatusRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateTaskStatusRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateTaskStatusRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateTaskStatusRequest {

            /** Properties of an UpdateTaskStatusRequest. */
            interface $Properties {

                /** Session the updates belong to. */
                sessionId?: string;

                /** Updates, applied in order in one store write. */
                updates?: swarm.v1.TaskStatusUpdate.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateTaskStatusRequest. */
            type $Shape = swarm.v1.UpdateTaskStatusRequest.$Properties;
        }

        /**
         * Properties of an UpdateTaskStatusResponse.
         * @deprecated Use swarm.v1.UpdateTaskStatusResponse.$Properties instead.
         */
        interface IUpdateTaskStatusResponse extends swarm.v1.UpdateTaskStatusResponse.$Properties {
        }

        /** UpdateTaskStatusResponse is empty. */
        class UpdateTaskStatusResponse {

            /**
             * Constructs a new UpdateTaskStatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.UpdateTaskStatusResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new UpdateTaskStatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateTaskStatusResponse instance
             */
            static create(properties: swarm.v1.UpdateTaskStatusResponse.$Shape): swarm.v1.UpdateTaskStatusResponse & swarm.v1.UpdateTaskStatusResponse.$Shape;
            static create(properties?: swarm.v1.UpdateTaskStatusResponse.$Properties): swarm.v1.UpdateTaskStatusResponse;

            /**
             * Encodes the specified UpdateTaskStatusResponse message. Does not implicitly {@link swarm.v1.UpdateTaskStatusResponse.verify|verify} messages.
             * @param message UpdateTaskStatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.UpdateTaskStatusResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateTaskStatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.UpdateTaskStatusResponse & swarm.v1.UpdateTaskStatusResponse.$Shape} UpdateTaskStatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.UpdateTaskStatusResponse & swarm.v1.UpdateTaskStatusResponse.$Shape;

            /**
             * Creates an UpdateTaskStatusResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns UpdateTaskStatusResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.UpdateTaskStatusResponse;

            /**
             * Creates a plain object from an UpdateTaskStatusResponse message. Also converts values to other types if specified.
             * @param message UpdateTaskStatusResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.UpdateTaskStatusResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateTaskStatusResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace UpdateTaskStatusResponse {

            /** Properties of an UpdateTaskStatusResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateTaskStatusResponse. */
            type $Shape = swarm.v1.UpdateTaskStatusResponse.$Properties;
        }

        /**
         * Properties of an AssignmentsRequest.
         * @deprecated Use swarm.v1.AssignmentsRequest.$Properties instead.
         */
        interface IAssignmentsRequest extends swarm.v1.AssignmentsRequest.$Properties {
        }

        /** AssignmentsRequest starts the assignment stream. */
        class AssignmentsRequest {

            /**
             * Constructs a new AssignmentsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.AssignmentsRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Session the stream belongs to. */
            sessionId: string;

            /**
             * Creates a new AssignmentsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AssignmentsRequest instance
             */
            static create(properties: swarm.v1.AssignmentsRequest.$Shape): swarm.v1.AssignmentsRequest & swarm.v1.AssignmentsRequest.$Shape;
            static create(properties?: swarm.v1.AssignmentsRequest.$Properties): swarm.v1.AssignmentsRequest;

            /**
             * Encodes the specified AssignmentsRequest message. Does not implicitly {@link swarm.v1.AssignmentsRequest.verify|verify} messages.
             * @param message AssignmentsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.AssignmentsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AssignmentsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.AssignmentsRequest & swarm.v1.AssignmentsRequest.$Shape} AssignmentsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.AssignmentsRequest & swarm.v1.AssignmentsRequest.$Shape;

            /**
             * Creates an AssignmentsRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AssignmentsRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.AssignmentsRequest;

            /**
             * Creates a plain object from an AssignmentsRequest message. Also converts values to other types if specified.
             * @param message AssignmentsRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.AssignmentsRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AssignmentsRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AssignmentsRequest {

            /** Properties of an AssignmentsRequest. */
            interface $Properties {

                /** Session the stream belongs to. */
                sessionId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AssignmentsRequest. */
            type $Shape = swarm.v1.AssignmentsRequest.$Properties;
        }

        /**
         * Properties of an Assignment.
         * @deprecated Use swarm.v1.Assignment.$Properties instead.
         */
        interface IAssignment extends swarm.v1.Assignment.$Properties {
        }

        /** Assignment is one thing a node must run or hold. */
        class Assignment {

            /**
             * Constructs a new Assignment.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Assignment.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** A task to run (or stop, per its desired state). */
            task: (swarm.v1.Task|null);

            /** A secret a task on this node references, with its data. */
            secret: (swarm.v1.Secret|null);

            /** A config a task on this node references. */
            config: (swarm.v1.Config|null);

            /** The task, secret or config. */
            item?: ("task"|"secret"|"config");

            /**
             * Creates a new Assignment instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Assignment instance
             */
            static create(properties: swarm.v1.Assignment.$Shape): swarm.v1.Assignment & swarm.v1.Assignment.$Shape;
            static create(properties?: swarm.v1.Assignment.$Properties): swarm.v1.Assignment;

            /**
             * Encodes the specified Assignment message. Does not implicitly {@link swarm.v1.Assignment.verify|verify} messages.
             * @param message Assignment message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Assignment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Assignment message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Assignment & swarm.v1.Assignment.$Shape} Assignment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Assignment & swarm.v1.Assignment.$Shape;

            /**
             * Creates an Assignment message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Assignment
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Assignment;

            /**
             * Creates a plain object from an Assignment message. Also converts values to other types if specified.
             * @param message Assignment
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Assignment, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Assignment to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Assignment {

            /** Properties of an Assignment. */
            interface $Properties {

                /** A task to run (or stop, per its desired state). */
                task?: (swarm.v1.Task.$Properties|null);

                /** A secret a task on this node references, with its data. */
                secret?: (swarm.v1.Secret.$Properties|null);

                /** A config a task on this node references. */
                config?: (swarm.v1.Config.$Properties|null);

                /** The task, secret or config. */
                item?: ("task"|"secret"|"config");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Assignment. */
            type $Shape = {
              task?: swarm.v1.Task.$Shape|null;
              secret?: swarm.v1.Secret.$Shape|null;
              config?: swarm.v1.Config.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ item?: undefined; task?: null; secret?: null; config?: null }|{ item?: "task"; task: swarm.v1.Task.$Shape; secret?: null; config?: null }|{ item?: "secret"; task?: null; secret: swarm.v1.Secret.$Shape; config?: null }|{ item?: "config"; task?: null; secret?: null; config: swarm.v1.Config.$Shape })
            );
        }

        /**
         * Properties of an AssignmentChange.
         * @deprecated Use swarm.v1.AssignmentChange.$Properties instead.
         */
        interface IAssignmentChange extends swarm.v1.AssignmentChange.$Properties {
        }

        /** AssignmentChange adds, updates or removes one assignment. */
        class AssignmentChange {

            /**
             * Constructs a new AssignmentChange.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.AssignmentChange.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The item. */
            assignment: swarm.v1.Assignment;

            /** Add/replace or remove. */
            action: swarm.v1.AssignmentChange.Action;

            /**
             * Creates a new AssignmentChange instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AssignmentChange instance
             */
            static create(properties: swarm.v1.AssignmentChange.$Shape): swarm.v1.AssignmentChange & swarm.v1.AssignmentChange.$Shape;
            static create(properties?: swarm.v1.AssignmentChange.$Properties): swarm.v1.AssignmentChange;

            /**
             * Encodes the specified AssignmentChange message. Does not implicitly {@link swarm.v1.AssignmentChange.verify|verify} messages.
             * @param message AssignmentChange message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.AssignmentChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AssignmentChange message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.AssignmentChange & swarm.v1.AssignmentChange.$Shape} AssignmentChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.AssignmentChange & swarm.v1.AssignmentChange.$Shape;

            /**
             * Creates an AssignmentChange message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AssignmentChange
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.AssignmentChange;

            /**
             * Creates a plain object from an AssignmentChange message. Also converts values to other types if specified.
             * @param message AssignmentChange
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.AssignmentChange, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AssignmentChange to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AssignmentChange {

            /** Properties of an AssignmentChange. */
            interface $Properties {

                /** The item. */
                assignment?: swarm.v1.Assignment.$Properties;

                /** Add/replace or remove. */
                action?: swarm.v1.AssignmentChange.Action;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AssignmentChange. */
            type $Shape = {
              assignment?: swarm.v1.Assignment.$Shape;
              action?: swarm.v1.AssignmentChange.Action;
              $unknowns?: Uint8Array[];
            };

            /** What happens to the assignment. */
            enum Action {

                /** Add or replace the item. */
                ACTION_UPDATE = 0,

                /** Forget the item. */
                ACTION_REMOVE = 1
            }
        }

        /**
         * Properties of an AssignmentsMessage.
         * @deprecated Use swarm.v1.AssignmentsMessage.$Properties instead.
         */
        interface IAssignmentsMessage extends swarm.v1.AssignmentsMessage.$Properties {
        }

        /** AssignmentsMessage carries a complete set or an increment. */
        class AssignmentsMessage {

            /**
             * Constructs a new AssignmentsMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.AssignmentsMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Complete or incremental. */
            type: swarm.v1.AssignmentsMessage.Type;

            /** Sequence of the previous message this one applies on; 0 for a complete set. */
            appliesTo: string;

            /** Sequence of this message. */
            resultsIn: string;

            /** The changes (for a complete set, every item as an update). */
            changes: swarm.v1.AssignmentChange[];

            /**
             * Creates a new AssignmentsMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AssignmentsMessage instance
             */
            static create(properties: swarm.v1.AssignmentsMessage.$Shape): swarm.v1.AssignmentsMessage & swarm.v1.AssignmentsMessage.$Shape;
            static create(properties?: swarm.v1.AssignmentsMessage.$Properties): swarm.v1.AssignmentsMessage;

            /**
             * Encodes the specified AssignmentsMessage message. Does not implicitly {@link swarm.v1.AssignmentsMessage.verify|verify} messages.
             * @param message AssignmentsMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.AssignmentsMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AssignmentsMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.AssignmentsMessage & swarm.v1.AssignmentsMessage.$Shape} AssignmentsMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.AssignmentsMessage & swarm.v1.AssignmentsMessage.$Shape;

            /**
             * Creates an AssignmentsMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AssignmentsMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.AssignmentsMessage;

            /**
             * Creates a plain object from an AssignmentsMessage message. Also converts values to other types if specified.
             * @param message AssignmentsMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.AssignmentsMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AssignmentsMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AssignmentsMessage {

            /** Properties of an AssignmentsMessage. */
            interface $Properties {

                /** Complete or incremental. */
                type?: swarm.v1.AssignmentsMessage.Type;

                /** Sequence of the previous message this one applies on; 0 for a complete set. */
                appliesTo?: string;

                /** Sequence of this message. */
                resultsIn?: string;

                /** The changes (for a complete set, every item as an update). */
                changes?: swarm.v1.AssignmentChange.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AssignmentsMessage. */
            type $Shape = {
              type?: swarm.v1.AssignmentsMessage.Type;
              appliesTo?: string;
              resultsIn?: string;
              changes?: swarm.v1.AssignmentChange.$Shape[];
              $unknowns?: Uint8Array[];
            };

            /** Kind of message. */
            enum Type {

                /** Changes relative to the previous message. */
                TYPE_INCREMENTAL = 0,

                /** The whole set; anything not in it must be dropped. */
                TYPE_COMPLETE = 1
            }
        }

        /** LogStream says which output a line came from. */
        enum LogStream {

            /** Unknown stream. */
            LOG_STREAM_UNKNOWN = 0,

            /** Standard output. */
            LOG_STREAM_STDOUT = 1,

            /** Standard error. */
            LOG_STREAM_STDERR = 2
        }

        /**
         * Properties of a LogSelector.
         * @deprecated Use swarm.v1.LogSelector.$Properties instead.
         */
        interface ILogSelector extends swarm.v1.LogSelector.$Properties {
        }

        /** LogSelector picks whose logs to read; fields widen the selection (OR). */
        class LogSelector {

            /**
             * Constructs a new LogSelector.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LogSelector.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service ids. */
            serviceIds: string[];

            /** Task ids. */
            taskIds: string[];

            /** Node ids. */
            nodeIds: string[];

            /**
             * Creates a new LogSelector instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LogSelector instance
             */
            static create(properties: swarm.v1.LogSelector.$Shape): swarm.v1.LogSelector & swarm.v1.LogSelector.$Shape;
            static create(properties?: swarm.v1.LogSelector.$Properties): swarm.v1.LogSelector;

            /**
             * Encodes the specified LogSelector message. Does not implicitly {@link swarm.v1.LogSelector.verify|verify} messages.
             * @param message LogSelector message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LogSelector.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LogSelector message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LogSelector & swarm.v1.LogSelector.$Shape} LogSelector
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LogSelector & swarm.v1.LogSelector.$Shape;

            /**
             * Creates a LogSelector message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LogSelector
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LogSelector;

            /**
             * Creates a plain object from a LogSelector message. Also converts values to other types if specified.
             * @param message LogSelector
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LogSelector, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LogSelector to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LogSelector {

            /** Properties of a LogSelector. */
            interface $Properties {

                /** Service ids. */
                serviceIds?: string[];

                /** Task ids. */
                taskIds?: string[];

                /** Node ids. */
                nodeIds?: string[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LogSelector. */
            type $Shape = swarm.v1.LogSelector.$Properties;
        }

        /**
         * Properties of a LogSubscriptionOptions.
         * @deprecated Use swarm.v1.LogSubscriptionOptions.$Properties instead.
         */
        interface ILogSubscriptionOptions extends swarm.v1.LogSubscriptionOptions.$Properties {
        }

        /** LogSubscriptionOptions shape the stream. */
        class LogSubscriptionOptions {

            /**
             * Constructs a new LogSubscriptionOptions.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LogSubscriptionOptions.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Which streams; empty means both. */
            streams: swarm.v1.LogStream[];

            /** Keep streaming new output. */
            follow: boolean;

            /** Lines from the end to start with; negative means all. */
            tail: number;

            /** Only lines at or after this time. */
            since: google.protobuf.Timestamp;

            /**
             * Creates a new LogSubscriptionOptions instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LogSubscriptionOptions instance
             */
            static create(properties: swarm.v1.LogSubscriptionOptions.$Shape): swarm.v1.LogSubscriptionOptions & swarm.v1.LogSubscriptionOptions.$Shape;
            static create(properties?: swarm.v1.LogSubscriptionOptions.$Properties): swarm.v1.LogSubscriptionOptions;

            /**
             * Encodes the specified LogSubscriptionOptions message. Does not implicitly {@link swarm.v1.LogSubscriptionOptions.verify|verify} messages.
             * @param message LogSubscriptionOptions message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LogSubscriptionOptions.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LogSubscriptionOptions message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LogSubscriptionOptions & swarm.v1.LogSubscriptionOptions.$Shape} LogSubscriptionOptions
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LogSubscriptionOptions & swarm.v1.LogSubscriptionOptions.$Shape;

            /**
             * Creates a LogSubscriptionOptions message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LogSubscriptionOptions
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LogSubscriptionOptions;

            /**
             * Creates a plain object from a LogSubscriptionOptions message. Also converts values to other types if specified.
             * @param message LogSubscriptionOptions
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LogSubscriptionOptions, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LogSubscriptionOptions to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LogSubscriptionOptions {

            /** Properties of a LogSubscriptionOptions. */
            interface $Properties {

                /** Which streams; empty means both. */
                streams?: swarm.v1.LogStream[];

                /** Keep streaming new output. */
                follow?: boolean;

                /** Lines from the end to start with; negative means all. */
                tail?: number;

                /** Only lines at or after this time. */
                since?: google.protobuf.Timestamp.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LogSubscriptionOptions. */
            type $Shape = swarm.v1.LogSubscriptionOptions.$Properties;
        }

        /**
         * Properties of a LogContext.
         * @deprecated Use swarm.v1.LogContext.$Properties instead.
         */
        interface ILogContext extends swarm.v1.LogContext.$Properties {
        }

        /** LogContext says where a line came from. */
        class LogContext {

            /**
             * Constructs a new LogContext.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LogContext.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Service id. */
            serviceId: string;

            /** Node id. */
            nodeId: string;

            /** Task id. */
            taskId: string;

            /**
             * Creates a new LogContext instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LogContext instance
             */
            static create(properties: swarm.v1.LogContext.$Shape): swarm.v1.LogContext & swarm.v1.LogContext.$Shape;
            static create(properties?: swarm.v1.LogContext.$Properties): swarm.v1.LogContext;

            /**
             * Encodes the specified LogContext message. Does not implicitly {@link swarm.v1.LogContext.verify|verify} messages.
             * @param message LogContext message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LogContext.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LogContext message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LogContext & swarm.v1.LogContext.$Shape} LogContext
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LogContext & swarm.v1.LogContext.$Shape;

            /**
             * Creates a LogContext message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LogContext
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LogContext;

            /**
             * Creates a plain object from a LogContext message. Also converts values to other types if specified.
             * @param message LogContext
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LogContext, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LogContext to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LogContext {

            /** Properties of a LogContext. */
            interface $Properties {

                /** Service id. */
                serviceId?: string;

                /** Node id. */
                nodeId?: string;

                /** Task id. */
                taskId?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LogContext. */
            type $Shape = swarm.v1.LogContext.$Properties;
        }

        /**
         * Properties of a LogMessage.
         * @deprecated Use swarm.v1.LogMessage.$Properties instead.
         */
        interface ILogMessage extends swarm.v1.LogMessage.$Properties {
        }

        /** LogMessage is one line (or chunk) of output. */
        class LogMessage {

            /**
             * Constructs a new LogMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LogMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Origin of the line. */
            context: swarm.v1.LogContext;

            /** When the engine captured it. */
            timestamp: google.protobuf.Timestamp;

            /** Stdout or stderr. */
            stream: swarm.v1.LogStream;

            /** Raw bytes, newline included. */
            data: Uint8Array;

            /**
             * Creates a new LogMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LogMessage instance
             */
            static create(properties: swarm.v1.LogMessage.$Shape): swarm.v1.LogMessage & swarm.v1.LogMessage.$Shape;
            static create(properties?: swarm.v1.LogMessage.$Properties): swarm.v1.LogMessage;

            /**
             * Encodes the specified LogMessage message. Does not implicitly {@link swarm.v1.LogMessage.verify|verify} messages.
             * @param message LogMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LogMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LogMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LogMessage & swarm.v1.LogMessage.$Shape} LogMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LogMessage & swarm.v1.LogMessage.$Shape;

            /**
             * Creates a LogMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LogMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LogMessage;

            /**
             * Creates a plain object from a LogMessage message. Also converts values to other types if specified.
             * @param message LogMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LogMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LogMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LogMessage {

            /** Properties of a LogMessage. */
            interface $Properties {

                /** Origin of the line. */
                context?: swarm.v1.LogContext.$Properties;

                /** When the engine captured it. */
                timestamp?: google.protobuf.Timestamp.$Properties;

                /** Stdout or stderr. */
                stream?: swarm.v1.LogStream;

                /** Raw bytes, newline included. */
                data?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LogMessage. */
            type $Shape = swarm.v1.LogMessage.$Properties;
        }

        /**
         * Properties of a SubscribeLogsRequest.
         * @deprecated Use swarm.v1.SubscribeLogsRequest.$Properties instead.
         */
        interface ISubscribeLogsRequest extends swarm.v1.SubscribeLogsRequest.$Properties {
        }

        /** SubscribeLogsRequest selects logs. */
        class SubscribeLogsRequest {

            /**
             * Constructs a new SubscribeLogsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SubscribeLogsRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Whose logs. */
            selector: swarm.v1.LogSelector;

            /** How to stream them. */
            options: swarm.v1.LogSubscriptionOptions;

            /**
             * Creates a new SubscribeLogsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SubscribeLogsRequest instance
             */
            static create(properties: swarm.v1.SubscribeLogsRequest.$Shape): swarm.v1.SubscribeLogsRequest & swarm.v1.SubscribeLogsRequest.$Shape;
            static create(properties?: swarm.v1.SubscribeLogsRequest.$Properties): swarm.v1.SubscribeLogsRequest;

            /**
             * Encodes the specified SubscribeLogsRequest message. Does not implicitly {@link swarm.v1.SubscribeLogsRequest.verify|verify} messages.
             * @param message SubscribeLogsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SubscribeLogsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SubscribeLogsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SubscribeLogsRequest & swarm.v1.SubscribeLogsRequest.$Shape} SubscribeLogsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SubscribeLogsRequest & swarm.v1.SubscribeLogsRequest.$Shape;

            /**
             * Creates a SubscribeLogsRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SubscribeLogsRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SubscribeLogsRequest;

            /**
             * Creates a plain object from a SubscribeLogsRequest message. Also converts values to other types if specified.
             * @param message SubscribeLogsRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SubscribeLogsRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SubscribeLogsRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SubscribeLogsRequest {

            /** Properties of a SubscribeLogsRequest. */
            interface $Properties {

                /** Whose logs. */
                selector?: swarm.v1.LogSelector.$Properties;

                /** How to stream them. */
                options?: swarm.v1.LogSubscriptionOptions.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SubscribeLogsRequest. */
            type $Shape = swarm.v1.SubscribeLogsRequest.$Properties;
        }

        /**
         * Properties of a SubscribeLogsMessage.
         * @deprecated Use swarm.v1.SubscribeLogsMessage.$Properties instead.
         */
        interface ISubscribeLogsMessage extends swarm.v1.SubscribeLogsMessage.$Properties {
        }

        /** SubscribeLogsMessage carries a batch of lines. */
        class SubscribeLogsMessage {

            /**
             * Constructs a new SubscribeLogsMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SubscribeLogsMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Lines in capture order per task. */
            messages: swarm.v1.LogMessage[];

            /**
             * Creates a new SubscribeLogsMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SubscribeLogsMessage instance
             */
            static create(properties: swarm.v1.SubscribeLogsMessage.$Shape): swarm.v1.SubscribeLogsMessage & swarm.v1.SubscribeLogsMessage.$Shape;
            static create(properties?: swarm.v1.SubscribeLogsMessage.$Properties): swarm.v1.SubscribeLogsMessage;

            /**
             * Encodes the specified SubscribeLogsMessage message. Does not implicitly {@link swarm.v1.SubscribeLogsMessage.verify|verify} messages.
             * @param message SubscribeLogsMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SubscribeLogsMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SubscribeLogsMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SubscribeLogsMessage & swarm.v1.SubscribeLogsMessage.$Shape} SubscribeLogsMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SubscribeLogsMessage & swarm.v1.SubscribeLogsMessage.$Shape;

            /**
             * Creates a SubscribeLogsMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SubscribeLogsMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SubscribeLogsMessage;

            /**
             * Creates a plain object from a SubscribeLogsMessage message. Also converts values to other types if specified.
             * @param message SubscribeLogsMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SubscribeLogsMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SubscribeLogsMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SubscribeLogsMessage {

            /** Properties of a SubscribeLogsMessage. */
            interface $Properties {

                /** Lines in capture order per task. */
                messages?: swarm.v1.LogMessage.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SubscribeLogsMessage. */
            type $Shape = swarm.v1.SubscribeLogsMessage.$Properties;
        }

        /**
         * Properties of a ListenSubscriptionsRequest.
         * @deprecated Use swarm.v1.ListenSubscriptionsRequest.$Properties instead.
         */
        interface IListenSubscriptionsRequest extends swarm.v1.ListenSubscriptionsRequest.$Properties {
        }

        /** ListenSubscriptionsRequest is empty; the node is known from its certificate. */
        class ListenSubscriptionsRequest {

            /**
             * Constructs a new ListenSubscriptionsRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ListenSubscriptionsRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new ListenSubscriptionsRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ListenSubscriptionsRequest instance
             */
            static create(properties: swarm.v1.ListenSubscriptionsRequest.$Shape): swarm.v1.ListenSubscriptionsRequest & swarm.v1.ListenSubscriptionsRequest.$Shape;
            static create(properties?: swarm.v1.ListenSubscriptionsRequest.$Properties): swarm.v1.ListenSubscriptionsRequest;

            /**
             * Encodes the specified ListenSubscriptionsRequest message. Does not implicitly {@link swarm.v1.ListenSubscriptionsRequest.verify|verify} messages.
             * @param message ListenSubscriptionsRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ListenSubscriptionsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ListenSubscriptionsRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ListenSubscriptionsRequest & swarm.v1.ListenSubscriptionsRequest.$Shape} ListenSubscriptionsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ListenSubscriptionsRequest & swarm.v1.ListenSubscriptionsRequest.$Shape;

            /**
             * Creates a ListenSubscriptionsRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ListenSubscriptionsRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ListenSubscriptionsRequest;

            /**
             * Creates a plain object from a ListenSubscriptionsRequest message. Also converts values to other types if specified.
             * @param message ListenSubscriptionsRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ListenSubscriptionsRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ListenSubscriptionsRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ListenSubscriptionsRequest {

            /** Properties of a ListenSubscriptionsRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ListenSubscriptionsRequest. */
            type $Shape = swarm.v1.ListenSubscriptionsRequest.$Properties;
        }

        /**
         * Properties of a SubscriptionMessage.
         * @deprecated Use swarm.v1.SubscriptionMessage.$Properties instead.
         */
        interface ISubscriptionMessage extends swarm.v1.SubscriptionMessage.$Properties {
        }

        /** SubscriptionMessage asks a node to publish logs, or to stop. */
        class SubscriptionMessage {

            /**
             * Constructs a new SubscriptionMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SubscriptionMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Subscription id to quote when publishing. */
            id: string;

            /** Whose logs. */
            selector: swarm.v1.LogSelector;

            /** How to read them. */
            options: swarm.v1.LogSubscriptionOptions;

            /** The subscription ended; stop publishing for it. */
            close: boolean;

            /**
             * Creates a new SubscriptionMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SubscriptionMessage instance
             */
            static create(properties: swarm.v1.SubscriptionMessage.$Shape): swarm.v1.SubscriptionMessage & swarm.v1.SubscriptionMessage.$Shape;
            static create(properties?: swarm.v1.SubscriptionMessage.$Properties): swarm.v1.SubscriptionMessage;

            /**
             * Encodes the specified SubscriptionMessage message. Does not implicitly {@link swarm.v1.SubscriptionMessage.verify|verify} messages.
             * @param message SubscriptionMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SubscriptionMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SubscriptionMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SubscriptionMessage & swarm.v1.SubscriptionMessage.$Shape} SubscriptionMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SubscriptionMessage & swarm.v1.SubscriptionMessage.$Shape;

            /**
             * Creates a SubscriptionMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SubscriptionMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SubscriptionMessage;

            /**
             * Creates a plain object from a SubscriptionMessage message. Also converts values to other types if specified.
             * @param message SubscriptionMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SubscriptionMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SubscriptionMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SubscriptionMessage {

            /** Properties of a SubscriptionMessage. */
            interface $Properties {

                /** Subscription id to quote when publishing. */
                id?: string;

                /** Whose logs. */
                selector?: swarm.v1.LogSelector.$Properties;

                /** How to read them. */
                options?: swarm.v1.LogSubscriptionOptions.$Properties;

                /** The subscription ended; stop publishing for it. */
                close?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SubscriptionMessage. */
            type $Shape = swarm.v1.SubscriptionMessage.$Properties;
        }

        /**
         * Properties of a PublishLogsMessage.
         * @deprecated Use swarm.v1.PublishLogsMessage.$Properties instead.
         */
        interface IPublishLogsMessage extends swarm.v1.PublishLogsMessage.$Properties {
        }

        /** PublishLogsMessage carries lines for one subscription. */
        class PublishLogsMessage {

            /**
             * Constructs a new PublishLogsMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PublishLogsMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Subscription id. */
            subscriptionId: string;

            /** Lines. */
            messages: swarm.v1.LogMessage[];

            /** This node has sent everything it has for the subscription. */
            close: boolean;

            /**
             * Creates a new PublishLogsMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PublishLogsMessage instance
             */
            static create(properties: swarm.v1.PublishLogsMessage.$Shape): swarm.v1.PublishLogsMessage & swarm.v1.PublishLogsMessage.$Shape;
            static create(properties?: swarm.v1.PublishLogsMessage.$Properties): swarm.v1.PublishLogsMessage;

            /**
             * Encodes the specified PublishLogsMessage message. Does not implicitly {@link swarm.v1.PublishLogsMessage.verify|verify} messages.
             * @param message PublishLogsMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PublishLogsMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PublishLogsMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PublishLogsMessage & swarm.v1.PublishLogsMessage.$Shape} PublishLogsMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PublishLogsMessage & swarm.v1.PublishLogsMessage.$Shape;

            /**
             * Creates a PublishLogsMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PublishLogsMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PublishLogsMessage;

            /**
             * Creates a plain object from a PublishLogsMessage message. Also converts values to other types if specified.
             * @param message PublishLogsMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PublishLogsMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PublishLogsMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PublishLogsMessage {

            /** Properties of a PublishLogsMessage. */
            interface $Properties {

                /** Subscription id. */
                subscriptionId?: string;

                /** Lines. */
                messages?: swarm.v1.LogMessage.$Properties[];

                /** This node has sent everything it has for the subscription. */
                close?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PublishLogsMessage. */
            type $Shape = swarm.v1.PublishLogsMessage.$Properties;
        }

        /**
         * Properties of a PublishLogsResponse.
         * @deprecated Use swarm.v1.PublishLogsResponse.$Properties instead.
         */
        interface IPublishLogsResponse extends swarm.v1.PublishLogsResponse.$Properties {
        }

        /** PublishLogsResponse is empty. */
        class PublishLogsResponse {

            /**
             * Constructs a new PublishLogsResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.PublishLogsResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new PublishLogsResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PublishLogsResponse instance
             */
            static create(properties: swarm.v1.PublishLogsResponse.$Shape): swarm.v1.PublishLogsResponse & swarm.v1.PublishLogsResponse.$Shape;
            static create(properties?: swarm.v1.PublishLogsResponse.$Properties): swarm.v1.PublishLogsResponse;

            /**
             * Encodes the specified PublishLogsResponse message. Does not implicitly {@link swarm.v1.PublishLogsResponse.verify|verify} messages.
             * @param message PublishLogsResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.PublishLogsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PublishLogsResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.PublishLogsResponse & swarm.v1.PublishLogsResponse.$Shape} PublishLogsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.PublishLogsResponse & swarm.v1.PublishLogsResponse.$Shape;

            /**
             * Creates a PublishLogsResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PublishLogsResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.PublishLogsResponse;

            /**
             * Creates a plain object from a PublishLogsResponse message. Also converts values to other types if specified.
             * @param message PublishLogsResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.PublishLogsResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PublishLogsResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace PublishLogsResponse {

            /** Properties of a PublishLogsResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PublishLogsResponse. */
            type $Shape = swarm.v1.PublishLogsResponse.$Properties;
        }

        /** RaftMessageType lists the raft core's message kinds. */
        enum RaftMessageType {

            /** Append entries (also the heartbeat carrier when entries are empty). */
            RAFT_MESSAGE_TYPE_APPEND = 0,

            /** Answer to an append. */
            RAFT_MESSAGE_TYPE_APPEND_RESPONSE = 1,

            /** Request a vote. */
            RAFT_MESSAGE_TYPE_VOTE = 2,

            /** Answer to a vote request. */
            RAFT_MESSAGE_TYPE_VOTE_RESPONSE = 3,

            /** Request a pre-vote (no term change). */
            RAFT_MESSAGE_TYPE_PRE_VOTE = 4,

            /** Answer to a pre-vote. */
            RAFT_MESSAGE_TYPE_PRE_VOTE_RESPONSE = 5,

            /** Leader heartbeat. */
            RAFT_MESSAGE_TYPE_HEARTBEAT = 6,

            /** Answer to a heartbeat. */
            RAFT_MESSAGE_TYPE_HEARTBEAT_RESPONSE = 7,

            /** Install a snapshot (its data travels via StreamSnapshot). */
            RAFT_MESSAGE_TYPE_SNAPSHOT = 8,

            /** Tell the target to campaign now (leader transfer). */
            RAFT_MESSAGE_TYPE_TIMEOUT_NOW = 9,

            /** Ask the leader for a read index. */
            RAFT_MESSAGE_TYPE_READ_INDEX = 10,

            /** Answer with a read index. */
            RAFT_MESSAGE_TYPE_READ_INDEX_RESPONSE = 11,

            /** Forward a proposal to the leader. */
            RAFT_MESSAGE_TYPE_PROPOSE = 12,

            /** A follower reports that a snapshot could not be applied. */
            RAFT_MESSAGE_TYPE_SNAPSHOT_STATUS = 13
        }

        /** EntryType distinguishes log entries. */
        enum EntryType {

            /** An application command (a store transaction). */
            ENTRY_TYPE_NORMAL = 0,

            /** A membership change. */
            ENTRY_TYPE_CONF_CHANGE = 1
        }

        /**
         * Properties of an Entry.
         * @deprecated Use swarm.v1.Entry.$Properties instead.
         */
        interface IEntry extends swarm.v1.Entry.$Properties {
        }

        /** Entry is one raft log entry. */
        class Entry {

            /**
             * Constructs a new Entry.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.Entry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Term in which the entry was proposed. */
            term: number;

            /** Position in the log. */
            index: number;

            /** Normal or configuration change. */
            type: swarm.v1.EntryType;

            /** Command bytes (an encoded StoreAction batch or ConfChange). */
            data: Uint8Array;

            /**
             * Creates a new Entry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Entry instance
             */
            static create(properties: swarm.v1.Entry.$Shape): swarm.v1.Entry & swarm.v1.Entry.$Shape;
            static create(properties?: swarm.v1.Entry.$Properties): swarm.v1.Entry;

            /**
             * Encodes the specified Entry message. Does not implicitly {@link swarm.v1.Entry.verify|verify} messages.
             * @param message Entry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Entry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.Entry & swarm.v1.Entry.$Shape} Entry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.Entry & swarm.v1.Entry.$Shape;

            /**
             * Creates an Entry message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Entry
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.Entry;

            /**
             * Creates a plain object from an Entry message. Also converts values to other types if specified.
             * @param message Entry
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.Entry, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Entry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Entry {

            /** Properties of an Entry. */
            interface $Properties {

                /** Term in which the entry was proposed. */
                term?: number;

                /** Position in the log. */
                index?: number;

                /** Normal or configuration change. */
                type?: swarm.v1.EntryType;

                /** Command bytes (an encoded StoreAction batch or ConfChange). */
                data?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Entry. */
            type $Shape = swarm.v1.Entry.$Properties;
        }

        /**
         * Properties of a ConfChange.
         * @deprecated Use swarm.v1.ConfChange.$Properties instead.
         */
        interface IConfChange extends swarm.v1.ConfChange.$Properties {
        }

        /** ConfChange changes the raft group's membership. */
        class ConfChange {

            /**
             * Constructs a new ConfChange.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ConfChange.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Kind of change. */
            type: swarm.v1.ConfChange.Type;

            /** Raft id affected. */
            raftId: number;

            /** Member details (node id, address). */
            member: swarm.v1.RaftMember;

            /**
             * Creates a new ConfChange instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConfChange instance
             */
            static create(properties: swarm.v1.ConfChange.$Shape): swarm.v1.ConfChange & swarm.v1.ConfChange.$Shape;
            static create(properties?: swarm.v1.ConfChange.$Properties): swarm.v1.ConfChange;

            /**
             * Encodes the specified ConfChange message. Does not implicitly {@link swarm.v1.ConfChange.verify|verify} messages.
             * @param message ConfChange message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ConfChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConfChange message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ConfChange & swarm.v1.ConfChange.$Shape} ConfChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ConfChange & swarm.v1.ConfChange.$Shape;

            /**
             * Creates a ConfChange message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ConfChange
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ConfChange;

            /**
             * Creates a plain object from a ConfChange message. Also converts values to other types if specified.
             * @param message ConfChange
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ConfChange, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ConfChange to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ConfChange {

            /** Properties of a ConfChange. */
            interface $Properties {

                /** Kind of change. */
                type?: swarm.v1.ConfChange.Type;

                /** Raft id affected. */
                raftId?: number;

                /** Member details (node id, address). */
                member?: swarm.v1.RaftMember.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConfChange. */
            type $Shape = swarm.v1.ConfChange.$Properties;

            /** Kind of change. */
            enum Type {

                /** Add a voter (or promote a learner). */
                TYPE_ADD_VOTER = 0,

                /** Remove a member. */
                TYPE_REMOVE = 1,

                /** Add a non-voting learner. */
                TYPE_ADD_LEARNER = 2
            }
        }

        /**
         * Properties of a SnapshotMetadata.
         * @deprecated Use swarm.v1.SnapshotMetadata.$Properties instead.
         */
        interface ISnapshotMetadata extends swarm.v1.SnapshotMetadata.$Properties {
        }

        /** SnapshotMetadata says what a snapshot covers. */
        class SnapshotMetadata {

            /**
             * Constructs a new SnapshotMetadata.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SnapshotMetadata.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Last log index included. */
            index: number;

            /** Term of that entry. */
            term: number;

            /** Voters at that index. */
            voters: number[];

            /** Learners at that index. */
            learners: number[];

            /** Member details at that index. */
            members: swarm.v1.RaftMember[];

            /**
             * Creates a new SnapshotMetadata instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotMetadata instance
             */
            static create(properties: swarm.v1.SnapshotMetadata.$Shape): swarm.v1.SnapshotMetadata & swarm.v1.SnapshotMetadata.$Shape;
            static create(properties?: swarm.v1.SnapshotMetadata.$Properties): swarm.v1.SnapshotMetadata;

            /**
             * Encodes the specified SnapshotMetadata message. Does not implicitly {@link swarm.v1.SnapshotMetadata.verify|verify} messages.
             * @param message SnapshotMetadata message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SnapshotMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotMetadata message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SnapshotMetadata & swarm.v1.SnapshotMetadata.$Shape} SnapshotMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SnapshotMetadata & swarm.v1.SnapshotMetadata.$Shape;

            /**
             * Creates a SnapshotMetadata message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SnapshotMetadata
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SnapshotMetadata;

            /**
             * Creates a plain object from a SnapshotMetadata message. Also converts values to other types if specified.
             * @param message SnapshotMetadata
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SnapshotMetadata, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SnapshotMetadata to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SnapshotMetadata {

            /** Properties of a SnapshotMetadata. */
            interface $Properties {

                /** Last log index included. */
                index?: number;

                /** Term of that entry. */
                term?: number;

                /** Voters at that index. */
                voters?: number[];

                /** Learners at that index. */
                learners?: number[];

                /** Member details at that index. */
                members?: swarm.v1.RaftMember.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotMetadata. */
            type $Shape = swarm.v1.SnapshotMetadata.$Properties;
        }

        /**
         * Properties of a RaftMessage.
         * @deprecated Use swarm.v1.RaftMessage.$Properties instead.
         */
        interface IRaftMessage extends swarm.v1.RaftMessage.$Properties {
        }

        /** RaftMessage is one raft core message. */
        class RaftMessage {

            /**
             * Constructs a new RaftMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RaftMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Kind of message. */
            type: swarm.v1.RaftMessageType;

            /** Sender's raft id. */
            from: number;

            /** Recipient's raft id. */
            to: number;

            /** Sender's term (for pre-votes, the term it would campaign in). */
            term: number;

            /** Index of the entry before `entries` (append) or the candidate's last index (vote). */
            logIndex: number;

            /** Term of that entry. */
            logTerm: number;

            /** Entries to append, or proposals to forward. */
            entries: swarm.v1.Entry[];

            /** Leader's commit index. */
            commit: number;

            /** Rejection flag for responses. */
            reject: boolean;

            /** Follower's last index, a hint for where to retry after a rejection. */
            rejectHint: number;

            /** Snapshot metadata, for SNAPSHOT messages. */
            snapshot: swarm.v1.SnapshotMetadata;

            /** Opaque context: read-index request ids, or the campaign reason for votes. */
            context: Uint8Array;

            /** Index an append response acknowledges, or the read index granted. */
            index: number;

            /** Term of the follower's entry at reject_hint, so the leader can skip a whole term on conflict. */
            rejectTerm: number;

            /**
             * Creates a new RaftMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RaftMessage instance
             */
            static create(properties: swarm.v1.RaftMessage.$Shape): swarm.v1.RaftMessage & swarm.v1.RaftMessage.$Shape;
            static create(properties?: swarm.v1.RaftMessage.$Properties): swarm.v1.RaftMessage;

            /**
             * Encodes the specified RaftMessage message. Does not implicitly {@link swarm.v1.RaftMessage.verify|verify} messages.
             * @param message RaftMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RaftMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RaftMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RaftMessage & swarm.v1.RaftMessage.$Shape} RaftMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RaftMessage & swarm.v1.RaftMessage.$Shape;

            /**
             * Creates a RaftMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RaftMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RaftMessage;

            /**
             * Creates a plain object from a RaftMessage message. Also converts values to other types if specified.
             * @param message RaftMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RaftMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RaftMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RaftMessage {

            /** Properties of a RaftMessage. */
            interface $Properties {

                /** Kind of message. */
                type?: swarm.v1.RaftMessageType;

                /** Sender's raft id. */
                from?: number;

                /** Recipient's raft id. */
                to?: number;

                /** Sender's term (for pre-votes, the term it would campaign in). */
                term?: number;

                /** Index of the entry before `entries` (append) or the candidate's last index (vote). */
                logIndex?: number;

                /** Term of that entry. */
                logTerm?: number;

                /** Entries to append, or proposals to forward. */
                entries?: swarm.v1.Entry.$Properties[];

                /** Leader's commit index. */
                commit?: number;

                /** Rejection flag for responses. */
                reject?: boolean;

                /** Follower's last index, a hint for where to retry after a rejection. */
                rejectHint?: number;

                /** Snapshot metadata, for SNAPSHOT messages. */
                snapshot?: swarm.v1.SnapshotMetadata.$Properties;

                /** Opaque context: read-index request ids, or the campaign reason for votes. */
                context?: Uint8Array;

                /** Index an append response acknowledges, or the read index granted. */
                index?: number;

                /** Term of the follower's entry at reject_hint, so the leader can skip a whole term on conflict. */
                rejectTerm?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RaftMessage. */
            type $Shape = swarm.v1.RaftMessage.$Properties;
        }

        /**
         * Properties of a RaftMessageBatch.
         * @deprecated Use swarm.v1.RaftMessageBatch.$Properties instead.
         */
        interface IRaftMessageBatch extends swarm.v1.RaftMessageBatch.$Properties {
        }

        /** RaftMessageBatch groups messages sent together to one peer. */
        class RaftMessageBatch {

            /**
             * Constructs a new RaftMessageBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.RaftMessageBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Messages in send order. */
            messages: swarm.v1.RaftMessage[];

            /**
             * Creates a new RaftMessageBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RaftMessageBatch instance
             */
            static create(properties: swarm.v1.RaftMessageBatch.$Shape): swarm.v1.RaftMessageBatch & swarm.v1.RaftMessageBatch.$Shape;
            static create(properties?: swarm.v1.RaftMessageBatch.$Properties): swarm.v1.RaftMessageBatch;

            /**
             * Encodes the specified RaftMessageBatch message. Does not implicitly {@link swarm.v1.RaftMessageBatch.verify|verify} messages.
             * @param message RaftMessageBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.RaftMessageBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RaftMessageBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.RaftMessageBatch & swarm.v1.RaftMessageBatch.$Shape} RaftMessageBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.RaftMessageBatch & swarm.v1.RaftMessageBatch.$Shape;

            /**
             * Creates a RaftMessageBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RaftMessageBatch
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.RaftMessageBatch;

            /**
             * Creates a plain object from a RaftMessageBatch message. Also converts values to other types if specified.
             * @param message RaftMessageBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.RaftMessageBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RaftMessageBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RaftMessageBatch {

            /** Properties of a RaftMessageBatch. */
            interface $Properties {

                /** Messages in send order. */
                messages?: swarm.v1.RaftMessage.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RaftMessageBatch. */
            type $Shape = swarm.v1.RaftMessageBatch.$Properties;
        }

        /**
         * Properties of a ProcessRaftMessageResponse.
         * @deprecated Use swarm.v1.ProcessRaftMessageResponse.$Properties instead.
         */
        interface IProcessRaftMessageResponse extends swarm.v1.ProcessRaftMessageResponse.$Properties {
        }

        /** ProcessRaftMessageResponse is empty. */
        class ProcessRaftMessageResponse {

            /**
             * Constructs a new ProcessRaftMessageResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.ProcessRaftMessageResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new ProcessRaftMessageResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ProcessRaftMessageResponse instance
             */
            static create(properties: swarm.v1.ProcessRaftMessageResponse.$Shape): swarm.v1.ProcessRaftMessageResponse & swarm.v1.ProcessRaftMessageResponse.$Shape;
            static create(properties?: swarm.v1.ProcessRaftMessageResponse.$Properties): swarm.v1.ProcessRaftMessageResponse;

            /**
             * Encodes the specified ProcessRaftMessageResponse message. Does not implicitly {@link swarm.v1.ProcessRaftMessageResponse.verify|verify} messages.
             * @param message ProcessRaftMessageResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.ProcessRaftMessageResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ProcessRaftMessageResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.ProcessRaftMessageResponse & swarm.v1.ProcessRaftMessageResponse.$Shape} ProcessRaftMessageResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.ProcessRaftMessageResponse & swarm.v1.ProcessRaftMessageResponse.$Shape;

            /**
             * Creates a ProcessRaftMessageResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ProcessRaftMessageResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.ProcessRaftMessageResponse;

            /**
             * Creates a plain object from a ProcessRaftMessageResponse message. Also converts values to other types if specified.
             * @param message ProcessRaftMessageResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.ProcessRaftMessageResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ProcessRaftMessageResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ProcessRaftMessageResponse {

            /** Properties of a ProcessRaftMessageResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ProcessRaftMessageResponse. */
            type $Shape = swarm.v1.ProcessRaftMessageResponse.$Properties;
        }

        /**
         * Properties of a SnapshotChunk.
         * @deprecated Use swarm.v1.SnapshotChunk.$Properties instead.
         */
        interface ISnapshotChunk extends swarm.v1.SnapshotChunk.$Properties {
        }

        /** SnapshotChunk is one piece of a snapshot; the first carries the metadata. */
        class SnapshotChunk {

            /**
             * Constructs a new SnapshotChunk.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SnapshotChunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Sender's raft id. */
            from: number;

            /** Recipient's raft id. */
            to: number;

            /** Sender's term. */
            term: number;

            /** What the snapshot covers (first chunk only). */
            metadata: swarm.v1.SnapshotMetadata;

            /** Byte offset of this chunk's data. */
            offset: number;

            /** Chunk bytes. */
            data: Uint8Array;

            /** Whether this is the last chunk. */
            last: boolean;

            /** CRC-32C of the whole snapshot, on the last chunk. */
            crc32c: number;

            /**
             * Creates a new SnapshotChunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotChunk instance
             */
            static create(properties: swarm.v1.SnapshotChunk.$Shape): swarm.v1.SnapshotChunk & swarm.v1.SnapshotChunk.$Shape;
            static create(properties?: swarm.v1.SnapshotChunk.$Properties): swarm.v1.SnapshotChunk;

            /**
             * Encodes the specified SnapshotChunk message. Does not implicitly {@link swarm.v1.SnapshotChunk.verify|verify} messages.
             * @param message SnapshotChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SnapshotChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotChunk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SnapshotChunk & swarm.v1.SnapshotChunk.$Shape} SnapshotChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SnapshotChunk & swarm.v1.SnapshotChunk.$Shape;

            /**
             * Creates a SnapshotChunk message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SnapshotChunk
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SnapshotChunk;

            /**
             * Creates a plain object from a SnapshotChunk message. Also converts values to other types if specified.
             * @param message SnapshotChunk
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SnapshotChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SnapshotChunk to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SnapshotChunk {

            /** Properties of a SnapshotChunk. */
            interface $Properties {

                /** Sender's raft id. */
                from?: number;

                /** Recipient's raft id. */
                to?: number;

                /** Sender's term. */
                term?: number;

                /** What the snapshot covers (first chunk only). */
                metadata?: swarm.v1.SnapshotMetadata.$Properties;

                /** Byte offset of this chunk's data. */
                offset?: number;

                /** Chunk bytes. */
                data?: Uint8Array;

                /** Whether this is the last chunk. */
                last?: boolean;

                /** CRC-32C of the whole snapshot, on the last chunk. */
                crc32c?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotChunk. */
            type $Shape = swarm.v1.SnapshotChunk.$Properties;
        }

        /**
         * Properties of a SnapshotAck.
         * @deprecated Use swarm.v1.SnapshotAck.$Properties instead.
         */
        interface ISnapshotAck extends swarm.v1.SnapshotAck.$Properties {
        }

        /** SnapshotAck answers a snapshot stream. */
        class SnapshotAck {

            /**
             * Constructs a new SnapshotAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.SnapshotAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Whether the snapshot was stored and applied. */
            applied: boolean;

            /** Why it was refused, if it was. */
            message: string;

            /**
             * Creates a new SnapshotAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotAck instance
             */
            static create(properties: swarm.v1.SnapshotAck.$Shape): swarm.v1.SnapshotAck & swarm.v1.SnapshotAck.$Shape;
            static create(properties?: swarm.v1.SnapshotAck.$Properties): swarm.v1.SnapshotAck;

            /**
             * Encodes the specified SnapshotAck message. Does not implicitly {@link swarm.v1.SnapshotAck.verify|verify} messages.
             * @param message SnapshotAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.SnapshotAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.SnapshotAck & swarm.v1.SnapshotAck.$Shape} SnapshotAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.SnapshotAck & swarm.v1.SnapshotAck.$Shape;

            /**
             * Creates a SnapshotAck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SnapshotAck
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.SnapshotAck;

            /**
             * Creates a plain object from a SnapshotAck message. Also converts values to other types if specified.
             * @param message SnapshotAck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.SnapshotAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SnapshotAck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace SnapshotAck {

            /** Properties of a SnapshotAck. */
            interface $Properties {

                /** Whether the snapshot was stored and applied. */
                applied?: boolean;

                /** Why it was refused, if it was. */
                message?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotAck. */
            type $Shape = swarm.v1.SnapshotAck.$Properties;
        }

        /**
         * Properties of a GetMemberStatusRequest.
         * @deprecated Use swarm.v1.GetMemberStatusRequest.$Properties instead.
         */
        interface IGetMemberStatusRequest extends swarm.v1.GetMemberStatusRequest.$Properties {
        }

        /** GetMemberStatusRequest is empty. */
        class GetMemberStatusRequest {

            /**
             * Constructs a new GetMemberStatusRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetMemberStatusRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new GetMemberStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetMemberStatusRequest instance
             */
            static create(properties: swarm.v1.GetMemberStatusRequest.$Shape): swarm.v1.GetMemberStatusRequest & swarm.v1.GetMemberStatusRequest.$Shape;
            static create(properties?: swarm.v1.GetMemberStatusRequest.$Properties): swarm.v1.GetMemberStatusRequest;

            /**
             * Encodes the specified GetMemberStatusRequest message. Does not implicitly {@link swarm.v1.GetMemberStatusRequest.verify|verify} messages.
             * @param message GetMemberStatusRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetMemberStatusRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetMemberStatusRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetMemberStatusRequest & swarm.v1.GetMemberStatusRequest.$Shape} GetMemberStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetMemberStatusRequest & swarm.v1.GetMemberStatusRequest.$Shape;

            /**
             * Creates a GetMemberStatusRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetMemberStatusRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetMemberStatusRequest;

            /**
             * Creates a plain object from a GetMemberStatusRequest message. Also converts values to other types if specified.
             * @param message GetMemberStatusRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetMemberStatusRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetMemberStatusRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetMemberStatusRequest {

            /** Properties of a GetMemberStatusRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetMemberStatusRequest. */
            type $Shape = swarm.v1.GetMemberStatusRequest.$Properties;
        }

        /**
         * Properties of a MemberProgress.
         * @deprecated Use swarm.v1.MemberProgress.$Properties instead.
         */
        interface IMemberProgress extends swarm.v1.MemberProgress.$Properties {
        }

        /** MemberProgress is the leader's view of one member. */
        class MemberProgress {

            /**
             * Constructs a new MemberProgress.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.MemberProgress.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** The member. */
            member: swarm.v1.RaftMember;

            /** Highest index known replicated on it. */
            match: number;

            /** Whether the leader heard from it within the election timeout. */
            active: boolean;

            /**
             * Creates a new MemberProgress instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MemberProgress instance
             */
            static create(properties: swarm.v1.MemberProgress.$Shape): swarm.v1.MemberProgress & swarm.v1.MemberProgress.$Shape;
            static create(properties?: swarm.v1.MemberProgress.$Properties): swarm.v1.MemberProgress;

            /**
             * Encodes the specified MemberProgress message. Does not implicitly {@link swarm.v1.MemberProgress.verify|verify} messages.
             * @param message MemberProgress message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.MemberProgress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MemberProgress message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.MemberProgress & swarm.v1.MemberProgress.$Shape} MemberProgress
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.MemberProgress & swarm.v1.MemberProgress.$Shape;

            /**
             * Creates a MemberProgress message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns MemberProgress
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.MemberProgress;

            /**
             * Creates a plain object from a MemberProgress message. Also converts values to other types if specified.
             * @param message MemberProgress
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.MemberProgress, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MemberProgress to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace MemberProgress {

            /** Properties of a MemberProgress. */
            interface $Properties {

                /** The member. */
                member?: swarm.v1.RaftMember.$Properties;

                /** Highest index known replicated on it. */
                match?: number;

                /** Whether the leader heard from it within the election timeout. */
                active?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MemberProgress. */
            type $Shape = swarm.v1.MemberProgress.$Properties;
        }

        /**
         * Properties of a GetMemberStatusResponse.
         * @deprecated Use swarm.v1.GetMemberStatusResponse.$Properties instead.
         */
        interface IGetMemberStatusResponse extends swarm.v1.GetMemberStatusResponse.$Properties {
        }

        /** GetMemberStatusResponse is one member's view of the group. */
        class GetMemberStatusResponse {

            /**
             * Constructs a new GetMemberStatusResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.GetMemberStatusResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Answering member's raft id. */
            raftId: number;

            /** Its current term. */
            term: number;

            /** The leader it knows of; 0 if none. */
            leader: number;

            /** Its commit index. */
            commit: number;

            /** Its applied index. */
            applied: number;

            /** Per-member progress (only filled on the leader). */
            progress: swarm.v1.MemberProgress[];

            /**
             * Creates a new GetMemberStatusResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GetMemberStatusResponse instance
             */
            static create(properties: swarm.v1.GetMemberStatusResponse.$Shape): swarm.v1.GetMemberStatusResponse & swarm.v1.GetMemberStatusResponse.$Shape;
            static create(properties?: swarm.v1.GetMemberStatusResponse.$Properties): swarm.v1.GetMemberStatusResponse;

            /**
             * Encodes the specified GetMemberStatusResponse message. Does not implicitly {@link swarm.v1.GetMemberStatusResponse.verify|verify} messages.
             * @param message GetMemberStatusResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.GetMemberStatusResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GetMemberStatusResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.GetMemberStatusResponse & swarm.v1.GetMemberStatusResponse.$Shape} GetMemberStatusResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.GetMemberStatusResponse & swarm.v1.GetMemberStatusResponse.$Shape;

            /**
             * Creates a GetMemberStatusResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GetMemberStatusResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.GetMemberStatusResponse;

            /**
             * Creates a plain object from a GetMemberStatusResponse message. Also converts values to other types if specified.
             * @param message GetMemberStatusResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.GetMemberStatusResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GetMemberStatusResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace GetMemberStatusResponse {

            /** Properties of a GetMemberStatusResponse. */
            interface $Properties {

                /** Answering member's raft id. */
                raftId?: number;

                /** Its current term. */
                term?: number;

                /** The leader it knows of; 0 if none. */
                leader?: number;

                /** Its commit index. */
                commit?: number;

                /** Its applied index. */
                applied?: number;

                /** Per-member progress (only filled on the leader). */
                progress?: swarm.v1.MemberProgress.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GetMemberStatusResponse. */
            type $Shape = swarm.v1.GetMemberStatusResponse.$Properties;
        }

        /**
         * Properties of a JoinRequest.
         * @deprecated Use swarm.v1.JoinRequest.$Properties instead.
         */
        interface IJoinRequest extends swarm.v1.JoinRequest.$Properties {
        }

        /** JoinRequest asks to join the raft group. */
        class JoinRequest {

            /**
             * Constructs a new JoinRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.JoinRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Address the joining manager listens on for raft traffic, host:port. */
            addr: string;

            /**
             * Creates a new JoinRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinRequest instance
             */
            static create(properties: swarm.v1.JoinRequest.$Shape): swarm.v1.JoinRequest & swarm.v1.JoinRequest.$Shape;
            static create(properties?: swarm.v1.JoinRequest.$Properties): swarm.v1.JoinRequest;

            /**
             * Encodes the specified JoinRequest message. Does not implicitly {@link swarm.v1.JoinRequest.verify|verify} messages.
             * @param message JoinRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.JoinRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.JoinRequest & swarm.v1.JoinRequest.$Shape} JoinRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.JoinRequest & swarm.v1.JoinRequest.$Shape;

            /**
             * Creates a JoinRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns JoinRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.JoinRequest;

            /**
             * Creates a plain object from a JoinRequest message. Also converts values to other types if specified.
             * @param message JoinRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.JoinRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this JoinRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace JoinRequest {

            /** Properties of a JoinRequest. */
            interface $Properties {

                /** Address the joining manager listens on for raft traffic, host:port. */
                addr?: string;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinRequest. */
            type $Shape = swarm.v1.JoinRequest.$Properties;
        }

        /**
         * Properties of a JoinResponse.
         * @deprecated Use swarm.v1.JoinResponse.$Properties instead.
         */
        interface IJoinResponse extends swarm.v1.JoinResponse.$Properties {
        }

        /** JoinResponse admits a manager. */
        class JoinResponse {

            /**
             * Constructs a new JoinResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.JoinResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Raft id given to the new member. */
            raftId: number;

            /** Current members, so the new member can reach them. */
            members: swarm.v1.RaftMember[];

            /** Raft ids removed from the group, which must never be reused. */
            removedMembers: number[];

            /**
             * Creates a new JoinResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinResponse instance
             */
            static create(properties: swarm.v1.JoinResponse.$Shape): swarm.v1.JoinResponse & swarm.v1.JoinResponse.$Shape;
            static create(properties?: swarm.v1.JoinResponse.$Properties): swarm.v1.JoinResponse;

            /**
             * Encodes the specified JoinResponse message. Does not implicitly {@link swarm.v1.JoinResponse.verify|verify} messages.
             * @param message JoinResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.JoinResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.JoinResponse & swarm.v1.JoinResponse.$Shape} JoinResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.JoinResponse & swarm.v1.JoinResponse.$Shape;

            /**
             * Creates a JoinResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns JoinResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.JoinResponse;

            /**
             * Creates a plain object from a JoinResponse message. Also converts values to other types if specified.
             * @param message JoinResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.JoinResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this JoinResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace JoinResponse {

            /** Properties of a JoinResponse. */
            interface $Properties {

                /** Raft id given to the new member. */
                raftId?: number;

                /** Current members, so the new member can reach them. */
                members?: swarm.v1.RaftMember.$Properties[];

                /** Raft ids removed from the group, which must never be reused. */
                removedMembers?: number[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinResponse. */
            type $Shape = swarm.v1.JoinResponse.$Properties;
        }

        /**
         * Properties of a LeaveRequest.
         * @deprecated Use swarm.v1.LeaveRequest.$Properties instead.
         */
        interface ILeaveRequest extends swarm.v1.LeaveRequest.$Properties {
        }

        /** LeaveRequest removes a member. */
        class LeaveRequest {

            /**
             * Constructs a new LeaveRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LeaveRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Member to remove. */
            node: swarm.v1.RaftMember;

            /**
             * Creates a new LeaveRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LeaveRequest instance
             */
            static create(properties: swarm.v1.LeaveRequest.$Shape): swarm.v1.LeaveRequest & swarm.v1.LeaveRequest.$Shape;
            static create(properties?: swarm.v1.LeaveRequest.$Properties): swarm.v1.LeaveRequest;

            /**
             * Encodes the specified LeaveRequest message. Does not implicitly {@link swarm.v1.LeaveRequest.verify|verify} messages.
             * @param message LeaveRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LeaveRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LeaveRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LeaveRequest & swarm.v1.LeaveRequest.$Shape} LeaveRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LeaveRequest & swarm.v1.LeaveRequest.$Shape;

            /**
             * Creates a LeaveRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LeaveRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LeaveRequest;

            /**
             * Creates a plain object from a LeaveRequest message. Also converts values to other types if specified.
             * @param message LeaveRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LeaveRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LeaveRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LeaveRequest {

            /** Properties of a LeaveRequest. */
            interface $Properties {

                /** Member to remove. */
                node?: swarm.v1.RaftMember.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LeaveRequest. */
            type $Shape = swarm.v1.LeaveRequest.$Properties;
        }

        /**
         * Properties of a LeaveResponse.
         * @deprecated Use swarm.v1.LeaveResponse.$Properties instead.
         */
        interface ILeaveResponse extends swarm.v1.LeaveResponse.$Properties {
        }

        /** LeaveResponse is empty. */
        class LeaveResponse {

            /**
             * Constructs a new LeaveResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.LeaveResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new LeaveResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LeaveResponse instance
             */
            static create(properties: swarm.v1.LeaveResponse.$Shape): swarm.v1.LeaveResponse & swarm.v1.LeaveResponse.$Shape;
            static create(properties?: swarm.v1.LeaveResponse.$Properties): swarm.v1.LeaveResponse;

            /**
             * Encodes the specified LeaveResponse message. Does not implicitly {@link swarm.v1.LeaveResponse.verify|verify} messages.
             * @param message LeaveResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.LeaveResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LeaveResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.LeaveResponse & swarm.v1.LeaveResponse.$Shape} LeaveResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.LeaveResponse & swarm.v1.LeaveResponse.$Shape;

            /**
             * Creates a LeaveResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns LeaveResponse
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.LeaveResponse;

            /**
             * Creates a plain object from a LeaveResponse message. Also converts values to other types if specified.
             * @param message LeaveResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.LeaveResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this LeaveResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace LeaveResponse {

            /** Properties of a LeaveResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LeaveResponse. */
            type $Shape = swarm.v1.LeaveResponse.$Properties;
        }

        /**
         * Properties of a StoreAction.
         * @deprecated Use swarm.v1.StoreAction.$Properties instead.
         */
        interface IStoreAction extends swarm.v1.StoreAction.$Properties {
        }

        /** StoreAction changes one object. */
        class StoreAction {

            /**
             * Constructs a new StoreAction.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.StoreAction.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Kind of change. */
            kind: swarm.v1.StoreAction.Kind;

            /** The object (for removals, only its kind and id matter). */
            object: swarm.v1.StoreObject;

            /** Version the writer read; the action fails if the stored object is at another version (0: no check). */
            expectedVersion: number;

            /**
             * Creates a new StoreAction instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoreAction instance
             */
            static create(properties: swarm.v1.StoreAction.$Shape): swarm.v1.StoreAction & swarm.v1.StoreAction.$Shape;
            static create(properties?: swarm.v1.StoreAction.$Properties): swarm.v1.StoreAction;

            /**
             * Encodes the specified StoreAction message. Does not implicitly {@link swarm.v1.StoreAction.verify|verify} messages.
             * @param message StoreAction message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.StoreAction.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoreAction message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.StoreAction & swarm.v1.StoreAction.$Shape} StoreAction
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.StoreAction & swarm.v1.StoreAction.$Shape;

            /**
             * Creates a StoreAction message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StoreAction
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.StoreAction;

            /**
             * Creates a plain object from a StoreAction message. Also converts values to other types if specified.
             * @param message StoreAction
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.StoreAction, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StoreAction to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StoreAction {

            /** Properties of a StoreAction. */
            interface $Properties {

                /** Kind of change. */
                kind?: swarm.v1.StoreAction.Kind;

                /** The object (for removals, only its kind and id matter). */
                object?: swarm.v1.StoreObject.$Properties;

                /** Version the writer read; the action fails if the stored object is at another version (0: no check). */
                expectedVersion?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StoreAction. */
            type $Shape = {
              kind?: swarm.v1.StoreAction.Kind;
              object?: swarm.v1.StoreObject.$Shape;
              expectedVersion?: number;
              $unknowns?: Uint8Array[];
            };

            /** Kind of change. */
            enum Kind {

                /** Add an object that must not exist yet. */
                KIND_CREATE = 0,

                /** Replace an existing object. */
                KIND_UPDATE = 1,

                /** Delete an existing object. */
                KIND_REMOVE = 2
            }
        }

        /**
         * Properties of a StoreTransaction.
         * @deprecated Use swarm.v1.StoreTransaction.$Properties instead.
         */
        interface IStoreTransaction extends swarm.v1.StoreTransaction.$Properties {
        }

        /** StoreTransaction is applied whole or not at all. */
        class StoreTransaction {

            /**
             * Constructs a new StoreTransaction.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.StoreTransaction.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Proposer-chosen id, so the proposer can match the outcome to its caller. */
            id: string;

            /** Actions in order. */
            actions: swarm.v1.StoreAction[];

            /**
             * Creates a new StoreTransaction instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoreTransaction instance
             */
            static create(properties: swarm.v1.StoreTransaction.$Shape): swarm.v1.StoreTransaction & swarm.v1.StoreTransaction.$Shape;
            static create(properties?: swarm.v1.StoreTransaction.$Properties): swarm.v1.StoreTransaction;

            /**
             * Encodes the specified StoreTransaction message. Does not implicitly {@link swarm.v1.StoreTransaction.verify|verify} messages.
             * @param message StoreTransaction message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.StoreTransaction.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoreTransaction message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.StoreTransaction & swarm.v1.StoreTransaction.$Shape} StoreTransaction
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.StoreTransaction & swarm.v1.StoreTransaction.$Shape;

            /**
             * Creates a StoreTransaction message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StoreTransaction
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.StoreTransaction;

            /**
             * Creates a plain object from a StoreTransaction message. Also converts values to other types if specified.
             * @param message StoreTransaction
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.StoreTransaction, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StoreTransaction to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StoreTransaction {

            /** Properties of a StoreTransaction. */
            interface $Properties {

                /** Proposer-chosen id, so the proposer can match the outcome to its caller. */
                id?: string;

                /** Actions in order. */
                actions?: swarm.v1.StoreAction.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StoreTransaction. */
            type $Shape = {
              id?: string;
              actions?: swarm.v1.StoreAction.$Shape[];
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a StoreBatch.
         * @deprecated Use swarm.v1.StoreBatch.$Properties instead.
         */
        interface IStoreBatch extends swarm.v1.StoreBatch.$Properties {
        }

        /** StoreBatch is the payload of one raft entry: several transactions proposed together. */
        class StoreBatch {

            /**
             * Constructs a new StoreBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.StoreBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Transactions in apply order; each succeeds or fails on its own. */
            transactions: swarm.v1.StoreTransaction[];

            /**
             * Creates a new StoreBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoreBatch instance
             */
            static create(properties: swarm.v1.StoreBatch.$Shape): swarm.v1.StoreBatch & swarm.v1.StoreBatch.$Shape;
            static create(properties?: swarm.v1.StoreBatch.$Properties): swarm.v1.StoreBatch;

            /**
             * Encodes the specified StoreBatch message. Does not implicitly {@link swarm.v1.StoreBatch.verify|verify} messages.
             * @param message StoreBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.StoreBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoreBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.StoreBatch & swarm.v1.StoreBatch.$Shape} StoreBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.StoreBatch & swarm.v1.StoreBatch.$Shape;

            /**
             * Creates a StoreBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StoreBatch
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.StoreBatch;

            /**
             * Creates a plain object from a StoreBatch message. Also converts values to other types if specified.
             * @param message StoreBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.StoreBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StoreBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StoreBatch {

            /** Properties of a StoreBatch. */
            interface $Properties {

                /** Transactions in apply order; each succeeds or fails on its own. */
                transactions?: swarm.v1.StoreTransaction.$Properties[];

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StoreBatch. */
            type $Shape = {
              transactions?: swarm.v1.StoreTransaction.$Shape[];
              $unknowns?: Uint8Array[];
            };
        }

        /** WatchAction is a kind of store change. */
        enum WatchAction {

            /** Unspecified; matches every action in a filter. */
            WATCH_ACTION_UNKNOWN = 0,

            /** Object created. */
            WATCH_ACTION_CREATE = 1,

            /** Object updated. */
            WATCH_ACTION_UPDATE = 2,

            /** Object removed. */
            WATCH_ACTION_REMOVE = 4
        }

        /**
         * Properties of a StoreObject.
         * @deprecated Use swarm.v1.StoreObject.$Properties instead.
         */
        interface IStoreObject extends swarm.v1.StoreObject.$Properties {
        }

        /** StoreObject is any stored object. */
        class StoreObject {

            /**
             * Constructs a new StoreObject.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.StoreObject.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** A node. */
            node: (swarm.v1.Node|null);

            /** A service. */
            service: (swarm.v1.Service|null);

            /** A task. */
            task: (swarm.v1.Task|null);

            /** A secret (data stripped). */
            secret: (swarm.v1.Secret|null);

            /** A config. */
            config: (swarm.v1.Config|null);

            /** A network. */
            network: (swarm.v1.Network|null);

            /** The cluster. */
            cluster: (swarm.v1.Cluster|null);

            /** The object. */
            object?: ("node"|"service"|"task"|"secret"|"config"|"network"|"cluster");

            /**
             * Creates a new StoreObject instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoreObject instance
             */
            static create(properties: swarm.v1.StoreObject.$Shape): swarm.v1.StoreObject & swarm.v1.StoreObject.$Shape;
            static create(properties?: swarm.v1.StoreObject.$Properties): swarm.v1.StoreObject;

            /**
             * Encodes the specified StoreObject message. Does not implicitly {@link swarm.v1.StoreObject.verify|verify} messages.
             * @param message StoreObject message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.StoreObject.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoreObject message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.StoreObject & swarm.v1.StoreObject.$Shape} StoreObject
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.StoreObject & swarm.v1.StoreObject.$Shape;

            /**
             * Creates a StoreObject message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StoreObject
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.StoreObject;

            /**
             * Creates a plain object from a StoreObject message. Also converts values to other types if specified.
             * @param message StoreObject
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.StoreObject, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StoreObject to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StoreObject {

            /** Properties of a StoreObject. */
            interface $Properties {

                /** A node. */
                node?: (swarm.v1.Node.$Properties|null);

                /** A service. */
                service?: (swarm.v1.Service.$Properties|null);

                /** A task. */
                task?: (swarm.v1.Task.$Properties|null);

                /** A secret (data stripped). */
                secret?: (swarm.v1.Secret.$Properties|null);

                /** A config. */
                config?: (swarm.v1.Config.$Properties|null);

                /** A network. */
                network?: (swarm.v1.Network.$Properties|null);

                /** The cluster. */
                cluster?: (swarm.v1.Cluster.$Properties|null);

                /** The object. */
                object?: ("node"|"service"|"task"|"secret"|"config"|"network"|"cluster");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a StoreObject. */
            type $Shape = {
              node?: swarm.v1.Node.$Shape|null;
              service?: swarm.v1.Service.$Shape|null;
              task?: swarm.v1.Task.$Shape|null;
              secret?: swarm.v1.Secret.$Shape|null;
              config?: swarm.v1.Config.$Shape|null;
              network?: swarm.v1.Network.$Shape|null;
              cluster?: swarm.v1.Cluster.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ object?: undefined; node?: null; service?: null; task?: null; secret?: null; config?: null; network?: null; cluster?: null }|{ object?: "node"; node: swarm.v1.Node.$Shape; service?: null; task?: null; secret?: null; config?: null; network?: null; cluster?: null }|{ object?: "service"; node?: null; service: swarm.v1.Service.$Shape; task?: null; secret?: null; config?: null; network?: null; cluster?: null }|{ object?: "task"; node?: null; service?: null; task: swarm.v1.Task.$Shape; secret?: null; config?: null; network?: null; cluster?: null }|{ object?: "secret"; node?: null; service?: null; task?: null; secret: swarm.v1.Secret.$Shape; config?: null; network?: null; cluster?: null }|{ object?: "config"; node?: null; service?: null; task?: null; secret?: null; config: swarm.v1.Config.$Shape; network?: null; cluster?: null }|{ object?: "network"; node?: null; service?: null; task?: null; secret?: null; config?: null; network: swarm.v1.Network.$Shape; cluster?: null }|{ object?: "cluster"; node?: null; service?: null; task?: null; secret?: null; config?: null; network?: null; cluster: swarm.v1.Cluster.$Shape })
            );
        }

        /**
         * Properties of a WatchSelector.
         * @deprecated Use swarm.v1.WatchSelector.$Properties instead.
         */
        interface IWatchSelector extends swarm.v1.WatchSelector.$Properties {
        }

        /** WatchSelector narrows a watch entry; set fields must all match (AND). */
        class WatchSelector {

            /**
             * Constructs a new WatchSelector.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.WatchSelector.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Object id. */
            id: string;

            /** Id prefix. */
            idPrefix: string;

            /** Object name. */
            name: string;

            /** Name prefix. */
            namePrefix: string;

            /** Labels that must match; an empty value matches any value. */
            labels: { [k: string]: string };

            /** Tasks of this service. */
            serviceId: string;

            /** Tasks on this node. */
            nodeId: string;

            /** Tasks in this slot. */
            slot: number;

            /** Tasks with this desired state (only when has_desired_state is set). */
            desiredState: swarm.v1.TaskState;

            /** Whether desired_state is a criterion. */
            hasDesiredState: boolean;

            /**
             * Creates a new WatchSelector instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchSelector instance
             */
            static create(properties: swarm.v1.WatchSelector.$Shape): swarm.v1.WatchSelector & swarm.v1.WatchSelector.$Shape;
            static create(properties?: swarm.v1.WatchSelector.$Properties): swarm.v1.WatchSelector;

            /**
             * Encodes the specified WatchSelector message. Does not implicitly {@link swarm.v1.WatchSelector.verify|verify} messages.
             * @param message WatchSelector message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.WatchSelector.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchSelector message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.WatchSelector & swarm.v1.WatchSelector.$Shape} WatchSelector
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.WatchSelector & swarm.v1.WatchSelector.$Shape;

            /**
             * Creates a WatchSelector message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchSelector
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.WatchSelector;

            /**
             * Creates a plain object from a WatchSelector message. Also converts values to other types if specified.
             * @param message WatchSelector
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.WatchSelector, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchSelector to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WatchSelector {

            /** Properties of a WatchSelector. */
            interface $Properties {

                /** Object id. */
                id?: string;

                /** Id prefix. */
                idPrefix?: string;

                /** Object name. */
                name?: string;

                /** Name prefix. */
                namePrefix?: string;

                /** Labels that must match; an empty value matches any value. */
                labels?: { [k: string]: string };

                /** Tasks of this service. */
                serviceId?: string;

                /** Tasks on this node. */
                nodeId?: string;

                /** Tasks in this slot. */
                slot?: number;

                /** Tasks with this desired state (only when has_desired_state is set). */
                desiredState?: swarm.v1.TaskState;

                /** Whether desired_state is a criterion. */
                hasDesiredState?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchSelector. */
            type $Shape = swarm.v1.WatchSelector.$Properties;
        }

        /**
         * Properties of a WatchEntry.
         * @deprecated Use swarm.v1.WatchEntry.$Properties instead.
         */
        interface IWatchEntry extends swarm.v1.WatchEntry.$Properties {
        }

        /** WatchEntry selects one kind of object and the actions of interest. */
        class WatchEntry {

            /**
             * Constructs a new WatchEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.WatchEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Object kind: "node", "service", "task", "secret", "config", "network" or "cluster". */
            kind: string;

            /** Bitmask of WatchAction values; 0 means all. */
            action: number;

            /** Narrowing criteria. */
            selector: swarm.v1.WatchSelector;

            /**
             * Creates a new WatchEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchEntry instance
             */
            static create(properties: swarm.v1.WatchEntry.$Shape): swarm.v1.WatchEntry & swarm.v1.WatchEntry.$Shape;
            static create(properties?: swarm.v1.WatchEntry.$Properties): swarm.v1.WatchEntry;

            /**
             * Encodes the specified WatchEntry message. Does not implicitly {@link swarm.v1.WatchEntry.verify|verify} messages.
             * @param message WatchEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.WatchEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.WatchEntry & swarm.v1.WatchEntry.$Shape} WatchEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.WatchEntry & swarm.v1.WatchEntry.$Shape;

            /**
             * Creates a WatchEntry message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchEntry
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.WatchEntry;

            /**
             * Creates a plain object from a WatchEntry message. Also converts values to other types if specified.
             * @param message WatchEntry
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.WatchEntry, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchEntry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WatchEntry {

            /** Properties of a WatchEntry. */
            interface $Properties {

                /** Object kind: "node", "service", "task", "secret", "config", "network" or "cluster". */
                kind?: string;

                /** Bitmask of WatchAction values; 0 means all. */
                action?: number;

                /** Narrowing criteria. */
                selector?: swarm.v1.WatchSelector.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchEntry. */
            type $Shape = swarm.v1.WatchEntry.$Properties;
        }

        /**
         * Properties of a WatchRequest.
         * @deprecated Use swarm.v1.WatchRequest.$Properties instead.
         */
        interface IWatchRequest extends swarm.v1.WatchRequest.$Properties {
        }

        /** WatchRequest opens a watch. */
        class WatchRequest {

            /**
             * Constructs a new WatchRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.WatchRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Entries; an event matching any entry is sent. */
            entries: swarm.v1.WatchEntry[];

            /** Resume after this store version (raft index); absent starts from now. */
            resumeFrom: swarm.v1.Version;

            /** Also send the old object with updates. */
            includeOldObject: boolean;

            /**
             * Creates a new WatchRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchRequest instance
             */
            static create(properties: swarm.v1.WatchRequest.$Shape): swarm.v1.WatchRequest & swarm.v1.WatchRequest.$Shape;
            static create(properties?: swarm.v1.WatchRequest.$Properties): swarm.v1.WatchRequest;

            /**
             * Encodes the specified WatchRequest message. Does not implicitly {@link swarm.v1.WatchRequest.verify|verify} messages.
             * @param message WatchRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.WatchRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.WatchRequest & swarm.v1.WatchRequest.$Shape} WatchRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.WatchRequest & swarm.v1.WatchRequest.$Shape;

            /**
             * Creates a WatchRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchRequest
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.WatchRequest;

            /**
             * Creates a plain object from a WatchRequest message. Also converts values to other types if specified.
             * @param message WatchRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.WatchRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WatchRequest {

            /** Properties of a WatchRequest. */
            interface $Properties {

                /** Entries; an event matching any entry is sent. */
                entries?: swarm.v1.WatchEntry.$Properties[];

                /** Resume after this store version (raft index); absent starts from now. */
                resumeFrom?: swarm.v1.Version.$Properties;

                /** Also send the old object with updates. */
                includeOldObject?: boolean;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchRequest. */
            type $Shape = swarm.v1.WatchRequest.$Properties;
        }

        /**
         * Properties of a WatchEvent.
         * @deprecated Use swarm.v1.WatchEvent.$Properties instead.
         */
        interface IWatchEvent extends swarm.v1.WatchEvent.$Properties {
        }

        /** WatchEvent is one change. */
        class WatchEvent {

            /**
             * Constructs a new WatchEvent.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.WatchEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** What happened. */
            action: swarm.v1.WatchAction;

            /** The object after the change (before it, for removals). */
            object: swarm.v1.StoreObject;

            /** The object before an update, if asked for. */
            oldObject: swarm.v1.StoreObject;

            /**
             * Creates a new WatchEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchEvent instance
             */
            static create(properties: swarm.v1.WatchEvent.$Shape): swarm.v1.WatchEvent & swarm.v1.WatchEvent.$Shape;
            static create(properties?: swarm.v1.WatchEvent.$Properties): swarm.v1.WatchEvent;

            /**
             * Encodes the specified WatchEvent message. Does not implicitly {@link swarm.v1.WatchEvent.verify|verify} messages.
             * @param message WatchEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.WatchEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchEvent message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.WatchEvent & swarm.v1.WatchEvent.$Shape} WatchEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.WatchEvent & swarm.v1.WatchEvent.$Shape;

            /**
             * Creates a WatchEvent message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchEvent
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.WatchEvent;

            /**
             * Creates a plain object from a WatchEvent message. Also converts values to other types if specified.
             * @param message WatchEvent
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.WatchEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchEvent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WatchEvent {

            /** Properties of a WatchEvent. */
            interface $Properties {

                /** What happened. */
                action?: swarm.v1.WatchAction;

                /** The object after the change (before it, for removals). */
                object?: swarm.v1.StoreObject.$Properties;

                /** The object before an update, if asked for. */
                oldObject?: swarm.v1.StoreObject.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchEvent. */
            type $Shape = {
              action?: swarm.v1.WatchAction;
              object?: swarm.v1.StoreObject.$Shape;
              oldObject?: swarm.v1.StoreObject.$Shape;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a WatchMessage.
         * @deprecated Use swarm.v1.WatchMessage.$Properties instead.
         */
        interface IWatchMessage extends swarm.v1.WatchMessage.$Properties {
        }

        /** WatchMessage carries the events of one store commit. */
        class WatchMessage {

            /**
             * Constructs a new WatchMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: swarm.v1.WatchMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Events in commit order. */
            events: swarm.v1.WatchEvent[];

            /** Store version after these events. */
            version: swarm.v1.Version;

            /**
             * Creates a new WatchMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WatchMessage instance
             */
            static create(properties: swarm.v1.WatchMessage.$Shape): swarm.v1.WatchMessage & swarm.v1.WatchMessage.$Shape;
            static create(properties?: swarm.v1.WatchMessage.$Properties): swarm.v1.WatchMessage;

            /**
             * Encodes the specified WatchMessage message. Does not implicitly {@link swarm.v1.WatchMessage.verify|verify} messages.
             * @param message WatchMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: swarm.v1.WatchMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WatchMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {swarm.v1.WatchMessage & swarm.v1.WatchMessage.$Shape} WatchMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): swarm.v1.WatchMessage & swarm.v1.WatchMessage.$Shape;

            /**
             * Creates a WatchMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WatchMessage
             */
            static fromObject(object: { [k: string]: any }): swarm.v1.WatchMessage;

            /**
             * Creates a plain object from a WatchMessage message. Also converts values to other types if specified.
             * @param message WatchMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: swarm.v1.WatchMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WatchMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WatchMessage {

            /** Properties of a WatchMessage. */
            interface $Properties {

                /** Events in commit order. */
                events?: swarm.v1.WatchEvent.$Properties[];

                /** Store version after these events. */
                version?: swarm.v1.Version.$Properties;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WatchMessage. */
            type $Shape = {
              events?: swarm.v1.WatchEvent.$Shape[];
              version?: swarm.v1.Version.$Shape;
              $unknowns?: Uint8Array[];
            };
        }
    }
}

/** Namespace google. */
export namespace google {

    /** Namespace protobuf. */
    namespace protobuf {

        /**
         * Properties of a Timestamp.
         * @deprecated Use google.protobuf.Timestamp.$Properties instead.
         */
        interface ITimestamp extends google.protobuf.Timestamp.$Properties {
        }

        /** Represents a Timestamp. */
        class Timestamp {

            /**
             * Constructs a new Timestamp.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.Timestamp.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Timestamp seconds. */
            seconds: number;

            /** Timestamp nanos. */
            nanos: number;

            /**
             * Creates a new Timestamp instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Timestamp instance
             */
            static create(properties: google.protobuf.Timestamp.$Shape): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
            static create(properties?: google.protobuf.Timestamp.$Properties): google.protobuf.Timestamp;

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @param message Timestamp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: google.protobuf.Timestamp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;

            /**
             * Creates a Timestamp message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Timestamp
             */
            static fromObject(object: { [k: string]: any }): google.protobuf.Timestamp;

            /**
             * Creates a plain object from a Timestamp message. Also converts values to other types if specified.
             * @param message Timestamp
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: google.protobuf.Timestamp, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Timestamp to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Timestamp {

            /** Properties of a Timestamp. */
            interface $Properties {

                /** Timestamp seconds */
                seconds?: number;

                /** Timestamp nanos */
                nanos?: number;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Timestamp. */
            type $Shape = google.protobuf.Timestamp.$Properties;
        }
    }
}
