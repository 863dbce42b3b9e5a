import { useQuery } from "@apollo/client/react";
import { useCallback, useMemo } from "react";
import { TaxonomyDocument } from "../graphql/Taxonomy.generated";

/** Career fields and industries, and a way to name an id (the id itself while the names load). */
export function useTaxonomy() {
  const { data } = useQuery(TaxonomyDocument);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const f of data?.careerFields ?? []) map.set(`field:${f.id}`, f.name);
    for (const i of data?.industries ?? []) map.set(`industry:${i.id}`, i.name);
    return map;
  }, [data]);
  const nameOf = useCallback((kind: "field" | "industry", id: string) => names.get(`${kind}:${id}`) ?? id, [names]);
  return { fields: data?.careerFields ?? [], industries: data?.industries ?? [], nameOf };
}
