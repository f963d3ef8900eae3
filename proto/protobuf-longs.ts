// The API's 64-bit integers (raft indexes, nanosecond durations, byte counts) all fit in a double,
// so we decode them as plain numbers instead of Long objects. This must run before the generated
// code loads, because the generated classes read the setting when their module is evaluated; the
// generator therefore makes proto/gen/swarm.js import this module first.
import $protobuf from "protobufjs/minimal.js";

$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
