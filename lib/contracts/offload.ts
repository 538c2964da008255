/** The ethtool features ovs-lab reads and sets, keyed by the short names the API uses. */
export const OFFLOAD_FEATURES = {
  tx: "tx-checksumming",
  rx: "rx-checksumming",
  sg: "scatter-gather",
  tso: "tcp-segmentation-offload",
  gso: "generic-segmentation-offload",
  gro: "generic-receive-offload",
} as const;

export type OffloadFeature = keyof typeof OFFLOAD_FEATURES;
export const OFFLOAD_FEATURE_NAMES = Object.keys(OFFLOAD_FEATURES) as OffloadFeature[];

export interface FeatureState {
  on: boolean;
  /** The driver does not let this feature change. */
  fixed: boolean;
}

export type OffloadState = Partial<Record<OffloadFeature, FeatureState>>;

export function isOffloadFeature(name: string): name is OffloadFeature {
  return Object.prototype.hasOwnProperty.call(OFFLOAD_FEATURES, name);
}
