/** A grid of checkboxes for picking several values: usable with a pointer, a keyboard and a thumb. */
export interface CheckItem {
  value: string;
  label: string;
  /** Indents a sub-theme under its parent. */
  depth?: number;
}

export function CheckList({
  items,
  chosen,
  onChange,
  name,
  limit,
}: {
  items: readonly CheckItem[];
  chosen: readonly string[];
  /** The values chosen after a box was toggled. */
  onChange: (chosen: string[]) => void;
  name?: string;
  /** At most this many may be chosen: the other boxes are disabled once they are. */
  limit?: number;
}) {
  return (
    <div className="check-grid">
      {items.map((item) => {
        const checked = chosen.includes(item.value);
        return (
          <label key={item.value} className={item.depth === undefined ? 'check' : `check depth-${item.depth}`}>
            <input
              type="checkbox"
              {...(name ? { name } : {})}
              value={item.value}
              checked={checked}
              disabled={!checked && limit !== undefined && chosen.length >= limit}
              onChange={() =>
                onChange(checked ? chosen.filter((value) => value !== item.value) : [...chosen, item.value])
              }
            />
            <span>{item.label}</span>
          </label>
        );
      })}
    </div>
  );
}
