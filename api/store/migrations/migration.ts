import type { QueryInterface } from "sequelize";

/** A schema change, applied once and in name order. Migrations only ever get appended. */
export interface Migration {
  name: string;
  up(queryInterface: QueryInterface): Promise<void>;
}
