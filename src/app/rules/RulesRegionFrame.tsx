import { createContext, useContext, useState, type ReactNode } from 'react';
import { Region } from '../layout/Region';

const HeadSlot = createContext<HTMLElement | null>(null);

/**
 * The Rules region with room in its title row for the panel's view controls (`-t` table, wrap): at 1280 px
 * the region is ~400 px wide, and the format tabs alone fill its toolbar (with nft's or ipvsadm's caption
 * before them, more than fill it). The title row has the room, and a row of height here is a line of rules.
 */
export function RulesRegionFrame({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  return (
    <Region label="Rules" title={title} className="area-rules" head={<div className="rules-head-slot" ref={setSlot} />}>
      <HeadSlot.Provider value={slot}>{children}</HeadSlot.Provider>
    </Region>
  );
}

/** Where the Rules panel puts its view controls: the region's title row, or nothing (they stay in the toolbar). */
export function useRulesHeadSlot(): HTMLElement | null {
  return useContext(HeadSlot);
}
