// Randomness is injected so that a seeded run replays exactly. The core only needs integers in a
// range (election jitter); the simulator and tests use SeededRandom, the driver may too. The
// interface and the PRNG are the code base's one pair, in common/.
export { type Random, SeededRandom } from "../../common/index.js";
