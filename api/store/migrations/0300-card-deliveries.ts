import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * Which bot message each admin got for each join request (docs/spec.md §6: "after a decision, every admin's
 * copy of the card updates"). A digest card covers several requests, so one activity id can appear
 * on several rows; (request, conversation) is unique so a retried send records its copy once.
 */
export const cardDeliveries: Migration = {
  name: "0300-card-deliveries",
  async up(qi: QueryInterface) {
    await qi.createTable("card_deliveries", {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      join_request_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: "join_requests", key: "id" },
        onDelete: "CASCADE",
      },
      organization_id: {
        type: DataTypes.UUID,
        allowNull: false,
        references: { model: "organizations", key: "id" },
        onDelete: "CASCADE",
      },
      tid: { type: DataTypes.STRING(36), allowNull: false },
      oid: { type: DataTypes.STRING(36), allowNull: false },
      conversation_id: { type: DataTypes.STRING(512), allowNull: false },
      activity_id: { type: DataTypes.STRING(512), allowNull: false },
      // "request": a card about one request; "digest": one card listing several.
      card_kind: { type: DataTypes.STRING(10), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex("card_deliveries", ["join_request_id", "conversation_id"], { unique: true, name: "card_deliveries_request_conversation" });
    await qi.addIndex("card_deliveries", ["conversation_id", "activity_id"], { name: "card_deliveries_activity" });
  },
};
