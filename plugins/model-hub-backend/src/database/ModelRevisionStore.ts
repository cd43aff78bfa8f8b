/**
 * A revision per model that every Model Hub write to the model raises in its
 * own transaction (DatabaseModelHubStores raises it for each model an audit
 * event was appended for). What is made from a model's stored data can be
 * kept while its revision stays the same: a write on any replica raises it
 * when it commits.
 */
export interface ModelRevisionStore {
  /** The model's revision now ('0' for a model no write has touched). */
  get(modelRef: string): Promise<string>;

  /** Raises the revisions of these models, in the caller's transaction. */
  raise(modelRefs: string[]): Promise<void>;
}
