import type { Component } from '../model.ts';
import { tryParsePurl } from '../purl/index.ts';
import type { Art4Category } from './types.ts';

/**
 * Art. 4(1) covers "the product's own" security, Art. 4(2) the risks of its supply chain. An SBOM
 * rarely says which components are the supplier's own, so the rule is:
 *
 *   category 1 (Art. 4(1), first-party) when the component is the product root itself; or its
 *   supplier equals the root's supplier or the declared product supplier (case and surrounding
 *   space ignored); or its purl has the same type and a non-empty namespace equal to the root
 *   purl's (the same Maven groupId, npm scope, Go module owner…); or its group equals the
 *   root's; or the parser already marked it first-party;
 *   category 2 (Art. 4(2), third-party) otherwise — including components of unknown supplier,
 *   since an unattributed component is a supply-chain risk until shown otherwise.
 */
export function art4Classifier(root: Component | undefined, productSupplier?: string): (component: Component) => Art4Category {
  const suppliers = new Set([norm(root?.supplier), norm(productSupplier)].filter((s): s is string => s !== undefined));
  const rootPurl = root?.purl ? tryParsePurl(root.purl) : undefined;
  const rootNamespace = rootPurl?.namespace ? `${rootPurl.type}/${rootPurl.namespace}` : undefined;
  const rootGroup = root?.group || undefined;
  return (component) => {
    if (root !== undefined && component.ref === root.ref) return 1;
    if (component.firstParty === true) return 1;
    const supplier = norm(component.supplier);
    if (supplier !== undefined && suppliers.has(supplier)) return 1;
    if (rootGroup !== undefined && component.group === rootGroup) return 1;
    if (rootNamespace !== undefined && component.purl) {
      const c = tryParsePurl(component.purl);
      if (c?.namespace && `${c.type}/${c.namespace}` === rootNamespace) return 1;
    }
    return 2;
  };
}

/** One component's category; see art4Classifier for the rule. */
export function art4Category(component: Component, root: Component | undefined, productSupplier?: string): Art4Category {
  return art4Classifier(root, productSupplier)(component);
}

function norm(s: string | undefined): string | undefined {
  const t = s?.trim().toLowerCase();
  return t ? t : undefined;
}
