/**
 * An Embedder turns texts into fixed-size vectors. Implementations: the bundled offline encoder
 * (default), and later remote or local models; the index records which one built it.
 */
export interface Embedder {
  /** Recorded with the index: vectors from different embedders are never mixed. */
  readonly name: string;
  readonly dims: number;
  /** Cheap enough to run in the caller's thread as pages are written (no workers, no network). */
  readonly inline?: boolean;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases workers and models. */
  close(): Promise<void>;
}
