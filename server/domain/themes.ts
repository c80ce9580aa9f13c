/** The themes taxonomy as a tree: a theme stands for itself and all its sub-themes. */
import type { NodeOf } from '../../ingest/model.js';

export type ThemeNode = NodeOf<'Theme'>;

/** A theme's id as stored, from the id people write with or without its `theme:` prefix (`personal-data`). */
export const themeIdOf = (id: string): string => (id.startsWith('theme:') ? id : `theme:${id}`);

export class ThemeTree {
  private readonly byId: Map<string, ThemeNode>;
  private readonly children = new Map<string, string[]>();

  constructor(readonly themes: ThemeNode[]) {
    this.byId = new Map(themes.map((theme) => [theme.id, theme]));
    for (const theme of themes) {
      if (!theme.parent) continue;
      const list = this.children.get(theme.parent) ?? [];
      list.push(theme.id);
      this.children.set(theme.parent, list);
    }
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get topLevel(): ThemeNode[] {
    return this.themes.filter((theme) => !theme.parent);
  }

  childrenOf(id: string): string[] {
    return this.children.get(id) ?? [];
  }

  /** The theme and every theme below it. */
  withDescendants(id: string): string[] {
    const result = [id];
    for (const child of this.childrenOf(id)) result.push(...this.withDescendants(child));
    return result;
  }

  /** The theme and every theme above it. */
  withAncestors(id: string): string[] {
    const result: string[] = [];
    for (
      let current = this.byId.get(id);
      current;
      current = current.parent ? this.byId.get(current.parent) : undefined
    ) {
      result.push(current.id);
    }
    return result;
  }

  /** The top-level theme a theme belongs to. */
  root(id: string): string {
    return this.withAncestors(id).at(-1) ?? id;
  }
}
