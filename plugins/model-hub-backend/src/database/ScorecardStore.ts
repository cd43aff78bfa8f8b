/** A stored golden-path verdict of one check on one entity. */
export type StoredVerdict = {
  entityRef: string;
  checkId: string;
  entityKind: string;
  ownerRef?: string;
  systemRef?: string;
  result: 'pass' | 'fail' | 'not-applicable';
  severity: 'error' | 'warning';
  reason: string;
  remedy?: string;
  evaluatedAt: string;
};

export type ScorecardRun = {
  evaluatedAt: string;
  entities: number;
  passed: number;
  failed: number;
};

/** Golden-path verdicts, their changes and the runs that computed them. */
export interface ScorecardStore {
  /**
   * Replaces the verdicts of the given entities with these, recording a
   * change for each verdict whose result differs from the stored one.
   */
  saveVerdicts(entityRefs: string[], verdicts: StoredVerdict[]): Promise<void>;

  /** Drops verdicts of entities no longer evaluated (deleted from the catalog). */
  removeOtherEntities(keep: string[]): Promise<void>;

  listVerdicts(filter?: { entityRefs?: string[] }): Promise<StoredVerdict[]>;

  /**
   * One entity's verdicts and its newest `changesLimit` changes of verdict,
   * newest first, read together (the scorecard needs both).
   */
  entityScorecard(
    entityRef: string,
    changesLimit: number,
  ): Promise<{
    verdicts: StoredVerdict[];
    changes: Array<{
      checkId: string;
      result: string;
      reason: string;
      changedAt: string;
    }>;
  }>;

  addRun(run: ScorecardRun): Promise<void>;

  /** The latest runs, oldest first. */
  listRuns(limit: number): Promise<ScorecardRun[]>;
}
