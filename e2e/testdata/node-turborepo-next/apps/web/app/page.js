import { banner } from "@ws/ui";

export const dynamic = "force-dynamic";

export default function Page() {
  return <h1>{banner("turborepo-next")}</h1>;
}
