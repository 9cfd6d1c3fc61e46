/**
 * The catalogue of known AI agents (ai-bots.json, with the operators' documentation as sources),
 * kept as data so that updating it is a data change, not a code change.
 */
import catalogue from "./ai-bots.json" with { type: "json" };

export interface AiBot {
  token: string;
  operator: string;
  kind: "training" | "search" | "user";
}

/**
 * Every known AI agent, training crawlers first as in the file.
 *
 * @example aiBots().find((b) => b.token === "GPTBot")?.kind // "training"
 */
export function aiBots(): AiBot[] {
  return catalogue.bots as AiBot[];
}
