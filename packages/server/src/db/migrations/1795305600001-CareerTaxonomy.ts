import type { MigrationInterface, QueryRunner } from "typeorm";

const FIELDS: Array<[string, string]> = [
  ["accounting", "Accounting"],
  ["architecture", "Architecture"],
  ["arts-design", "Arts and Design"],
  ["consulting", "Consulting"],
  ["data-science", "Data Science"],
  ["education", "Education"],
  ["engineering", "Engineering"],
  ["environment", "Environment and Sustainability"],
  ["finance", "Finance"],
  ["government-policy", "Government and Public Policy"],
  ["healthcare", "Healthcare"],
  ["human-resources", "Human Resources"],
  ["journalism-media", "Journalism and Media"],
  ["law", "Law"],
  ["marketing", "Marketing"],
  ["nonprofit", "Nonprofit and Social Impact"],
  ["product-management", "Product Management"],
  ["research-science", "Research and Science"],
  ["sales", "Sales"],
  ["software-engineering", "Software Engineering"],
  ["supply-chain", "Operations and Supply Chain"],
  ["ux-design", "User Experience Design"],
];

const INDUSTRIES: Array<[string, string]> = [
  ["aerospace", "Aerospace"],
  ["agriculture", "Agriculture and Food"],
  ["banking", "Banking and Financial Services"],
  ["biotech", "Biotechnology and Pharmaceuticals"],
  ["consulting", "Professional Services and Consulting"],
  ["consumer-goods", "Consumer Goods and Retail"],
  ["education", "Education"],
  ["energy", "Energy and Utilities"],
  ["entertainment", "Entertainment and Media"],
  ["government", "Government"],
  ["healthcare", "Healthcare and Hospitals"],
  ["hospitality", "Hospitality and Travel"],
  ["legal", "Legal Services"],
  ["manufacturing", "Manufacturing"],
  ["nonprofit", "Nonprofit"],
  ["real-estate", "Real Estate and Construction"],
  ["technology", "Technology"],
  ["telecom", "Telecommunications"],
  ["transportation", "Transportation and Logistics"],
];

export class CareerTaxonomy1795305600001 implements MigrationInterface {
  name = "CareerTaxonomy1795305600001";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`INSERT INTO career_fields (id, name) SELECT * FROM unnest($1::text[], $2::text[])`, [
      FIELDS.map((f) => f[0]),
      FIELDS.map((f) => f[1]),
    ]);
    await db.query(`INSERT INTO industries (id, name) SELECT * FROM unnest($1::text[], $2::text[])`, [
      INDUSTRIES.map((f) => f[0]),
      INDUSTRIES.map((f) => f[1]),
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM career_fields`);
    await db.query(`DELETE FROM industries`);
  }
}
