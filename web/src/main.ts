document.querySelector('#app')!.textContent = '邻里';
