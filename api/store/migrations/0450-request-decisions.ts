import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * A rejection the person hears about: the admin's optional reason, and from when the person may ask
 * again. The cooldown is fixed when the decision is made, so changing the setting later never moves
 * a date someone has already been told.
 */
export const requestDecisions: Migration = {
  name: "0450-request-decisions",
  async up(qi: QueryInterface) {
    await qi.addColumn("join_requests", "decision_reason", { type: DataTypes.STRING(500), allowNull: true });
    await qi.addColumn("join_requests", "can_ask_again_at", { type: DataTypes.DATE, allowNull: true });
    // The latest rejection of one person by one organization, read at every sign-in of a non-member.
    await qi.addIndex("join_requests", ["organization_id", "user_id", "status", "decided_at"], { name: "join_requests_org_user_decided" });
    // Activity filtered by type of event (a list of actions) stays an index range, newest first.
    await qi.addIndex("audit_events", ["organization_id", "action", "created_at"], { name: "audit_events_org_action_time" });
    // An admin may hold several messages showing one request (its card, then a `pending` list):
    // each copy is recorded, so a decision updates every one of them.
    await qi.removeIndex("card_deliveries", "card_deliveries_request_conversation");
    await qi.addIndex("card_deliveries", ["join_request_id", "conversation_id", "activity_id"], { unique: true, name: "card_deliveries_request_message" });
  },
};
