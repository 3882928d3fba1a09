// Given names and the short forms people use for them. Each line is one group: the formal name
// first, then its nicknames. A short form may belong to several groups (Pat: Patricia, Patrick).
// The pairs seen in the identity dataset are all here; the rest are common English forms.
const GROUPS: readonly string[] = [
  'abigail abby abbie',
  'alexander alex al xander sasha',
  'alexandra alex alexa sandra sandy',
  'alfred al alf fred',
  'allison ally allie',
  'amanda mandy',
  'andrew andy drew',
  'angela angie',
  'anthony tony ant',
  'barbara barb barbie babs',
  'benjamin ben benny benji',
  'bradley brad',
  'brian bri',
  'catherine cathy cat kate katie',
  'charles charlie chuck chas',
  'christina chris tina christy',
  'christine chris tina christy',
  'christopher chris topher kit',
  'cynthia cindy',
  'daniel dan danny',
  'david dave davy',
  'deborah deb debbie debby debra',
  'donald don donnie',
  'dorothy dot dottie',
  'douglas doug',
  'edward ed eddie ted ned',
  'elizabeth liz lizzie beth betsy betty eliza libby',
  'eugene gene',
  'frances fran frannie',
  'francis frank fran',
  'frederick fred freddie',
  'gerald gerry jerry',
  'gregory greg',
  'harold hal harry',
  'henry hank harry',
  'jacob jake jay',
  'james jim jimmy jamie',
  'janet jan',
  'jeffrey jeff',
  'jennifer jen jenny jenn',
  'jessica jess jessie',
  'john jack johnny',
  'jonathan jon jonny',
  'joseph joe joey',
  'joshua josh',
  'judith judy',
  'katherine kate kathy katie kat kay',
  'kathleen kathy kate katie kat',
  'kathryn kathy kate katie kat',
  'kenneth ken kenny',
  'kimberly kim kimmy',
  'lawrence larry',
  'leonard leo len lenny',
  'margaret peggy maggie meg marge margie',
  'matthew matt',
  'melissa mel missy',
  'michael mike mikey mick',
  'michelle shelly',
  'nathan nate',
  'nathaniel nate nat',
  'nicholas nick nicky',
  'nicole nikki nicky',
  'pamela pam',
  'patricia pat patty trish tricia',
  'patrick pat paddy',
  'peter pete',
  'philip phil',
  'raymond ray',
  'rebecca becky becca',
  'richard rick ricky dick rich',
  'robert bob bobby rob robbie bert',
  'ronald ron ronnie',
  'samantha sam sammy',
  'samuel sam sammy',
  'sandra sandy',
  'stephanie steph stephie',
  'stephen steve stevie',
  'steven steve stevie',
  'susan sue susie suzy',
  'theodore ted teddy theo',
  'thomas tom tommy',
  'timothy tim timmy',
  'victoria vicky tori',
  'walter walt wally',
  'william bill billy will willie liam',
  'zachary zach zack',
];

/** Lower-case given name -> indexes of the groups it belongs to. */
export const NICKNAME_GROUPS: ReadonlyMap<string, readonly number[]> = (() => {
  const groups = new Map<string, number[]>();
  GROUPS.forEach((line, index) => {
    for (const name of line.split(' ')) {
      const list = groups.get(name) ?? [];
      list.push(index);
      groups.set(name, list);
    }
  });
  return groups;
})();

/** The formal names a given name may stand for (itself included). */
export function formalNames(name: string): string[] {
  const lower = name.toLowerCase();
  const groups = NICKNAME_GROUPS.get(lower);
  if (!groups) return [lower];
  return [...new Set([lower, ...groups.map((index) => GROUPS[index].split(' ')[0])])];
}

/** Whether two lower-case given names are the same name or nicknames of one formal name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return true;
  const groupsA = NICKNAME_GROUPS.get(a);
  const groupsB = NICKNAME_GROUPS.get(b);
  if (!groupsA || !groupsB) return false;
  return groupsA.some((group) => groupsB.includes(group));
}

/** All lower-case forms of a given name: itself and every name sharing a group with it. */
export function nameVariants(name: string): string[] {
  const lower = name.toLowerCase();
  const groups = NICKNAME_GROUPS.get(lower);
  if (!groups) return [lower];
  const variants = new Set([lower]);
  for (const index of groups) for (const variant of GROUPS[index].split(' ')) variants.add(variant);
  return [...variants];
}
