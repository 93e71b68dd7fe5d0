/* global document */
import { formatDate, h } from '/assets/vendor-1a2b3c4d.js'

async function showPosts() {
  const list = document.getElementById('posts')
  if (!list) return
  const response = await fetch('/data/posts.json')
  if (!response.ok) return
  const { posts } = await response.json()
  list.replaceChildren(
    ...posts.map((post) =>
      h('li', {}, h('a', { href: post.url }, post.title), ` (${formatDate(post.date)})`),
    ),
  )
}

showPosts().catch(() => {})
