// The face of the dashboard's model: store objects in, view models out (pure; the server feeds it).
export { chartPointsMax, ChartSeries } from "./chart-sample.js";
export { joinCommandOf } from "./cluster-view.js";
export { DashboardViews, feedEventsMax, type Flush } from "./dashboard-views.js";
export { type MirrorKind, mirrorKinds, type MirrorLists, type MirrorObjects, StoreMirror } from "./store-mirror.js";
export { actionName, type WatchChange, watchChanges } from "./watch-events.js";
